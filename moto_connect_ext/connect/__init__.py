"""Amazon Connect phone numbers, laid out as moto's ``moto/connect`` package."""
