"""Writers over the one document model (`drafter.document.Document`)."""
