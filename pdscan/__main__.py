from pdscan.cli import main

if __name__ == "__main__":  # a scan's worker processes import this module again
    main()
