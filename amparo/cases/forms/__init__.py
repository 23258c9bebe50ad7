"""Forms for the case pages: they turn cleaned data into service inputs, nothing more."""
