"""ClinicalTrials.gov (API v2): a client, a mapping to the hub model and a trial matcher."""
