"""The demo organisation's staff and clients: invented people, UK-shaped details."""

from __future__ import annotations

from conduct.accounts.roles import Role

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - printed for the demo on purpose

# username, first name, last name, role
STAFF: list[tuple[str, str, str, Role]] = [
    ("sam.staff", "Sam", "Patel", Role.STAFF),
    ("alex.frontdesk", "Alex", "Morgan", Role.STAFF),
    ("jo.calls", "Jo", "Okafor", Role.STAFF),
    ("priya.casework", "Priya", "Shah", Role.STAFF),
    ("tom.letters", "Tom", "Hughes", Role.STAFF),
    ("ellie.support", "Ellie", "Wright", Role.STAFF),
    ("maria.manager", "Maria", "Lopez", Role.SENIOR_MANAGER),
    ("david.manager", "David", "Chen", Role.SENIOR_MANAGER),
    ("ruth.director", "Ruth", "Campbell", Role.SENIOR_MANAGER),
    ("owen.manager", "Owen", "Davies", Role.SENIOR_MANAGER),
    ("ada.admin", "Ada", "Nwosu", Role.ADMIN),
    ("dpo.admin", "Grace", "Bell", Role.ADMIN),
]

FIRST_NAMES = [
    "Aisha",
    "Ben",
    "Chloe",
    "Daniel",
    "Emma",
    "Faisal",
    "Georgia",
    "Harry",
    "Imogen",
    "Jack",
    "Kiran",
    "Laura",
    "Mohammed",
    "Niamh",
    "Oliver",
    "Pooja",
    "Quentin",
    "Rachel",
    "Simon",
    "Tariq",
    "Una",
    "Victor",
    "Wendy",
    "Xavier",
    "Yasmin",
    "Zoe",
    "Amir",
    "Bethan",
    "Callum",
    "Deborah",
]
LAST_NAMES = [
    "Ahmed",
    "Baker",
    "Clarke",
    "Dixon",
    "Evans",
    "Fraser",
    "Green",
    "Hall",
    "Iqbal",
    "Jones",
    "Kaur",
    "Lewis",
    "Murphy",
    "Nolan",
    "O'Brien",
    "Price",
    "Quinn",
    "Roberts",
    "Singh",
    "Taylor",
    "Usman",
    "Vaughan",
    "Walker",
    "Young",
    "Zielinski",
]
STREETS = [
    "High Street",
    "Station Road",
    "Church Lane",
    "Victoria Road",
    "Mill Lane",
    "Park Avenue",
    "Queen Street",
    "The Crescent",
    "Albert Road",
    "Manor Close",
]
TOWNS = [
    ("Leeds", "LS"),
    ("Bristol", "BS"),
    ("Cardiff", "CF"),
    ("Manchester", "M"),
    ("Norwich", "NR"),
    ("Glasgow", "G"),
    ("Belfast", "BT"),
    ("Exeter", "EX"),
    ("York", "YO"),
    ("Leicester", "LE"),
]
ORGANISATIONS = [
    "Hillside Residents' Association",
    "Brightwater Lettings Ltd",
    "Northgate Community Trust",
]
