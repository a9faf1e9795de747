"""The documents beside the ordinance, as models: the comparison of options, the redline
between two versions and the staff report. Writers in `drafter.formats` print them."""
