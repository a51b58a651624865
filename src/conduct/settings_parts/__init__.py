"""Groups of settings that take more than a few lines to read and check, each a
function of the environment; ``conduct.settings`` calls them and stays the one
module Django loads (``DJANGO_SETTINGS_MODULE=conduct.settings``)."""
