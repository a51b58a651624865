from conduct.cli import main

main()
