"""Assets of the yearly run with their asset checks: landing, dbt, publishing."""
