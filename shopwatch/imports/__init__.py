"""Understanding what sellers without API access have: the seller centre's export files
(listings, violation records, item traffic) and the text of penalty notices.

Pure parsing: nothing here touches the store. ``connectors.files`` serves the result to the
one sync path; ``monitor.file_import`` runs an import."""
