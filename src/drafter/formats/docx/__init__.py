"""Word writers on python-docx: the ordinance, comparison, redline and staff report, the
OOXML python-docx lacks (`ooxml`) and house templates (`template`)."""
