"""The ordinance itself: the local government it is for, its names and wording, the
templates filled from a draft, and the one document model every writer prints."""
