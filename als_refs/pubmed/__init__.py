"""PubMed (NCBI E-utilities) and the PMC ID Converter: a client and a mapping to the hub model."""
