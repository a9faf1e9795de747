"""Reading an existing ordinance: which protections it establishes, how strong each is, what
state law says of them, and what is missing (issue 16). Qt-free; the command and the app's
dialog both call `report.analyze`."""
