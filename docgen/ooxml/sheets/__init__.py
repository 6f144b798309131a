"""SpreadsheetML: opening and saving workbooks with openpyxl, and rewriting chosen cells' text in the sheet XML."""
