"""Writers over the one document model (`drafter.ordinance.document.Document`)."""
