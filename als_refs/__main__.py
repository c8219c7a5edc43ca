from als_refs.cli.main import run

run()
