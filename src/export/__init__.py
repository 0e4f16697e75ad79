"""Documents and data that leave the store: letters, reports, FHIR, CSV/SPSS, management."""
