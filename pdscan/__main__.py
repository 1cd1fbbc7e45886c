from pdscan.cli import main

main()
