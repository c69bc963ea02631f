"""What capex shows: the pieces every result's report is built from."""
