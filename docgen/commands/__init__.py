"""One module per CLI command: read inputs, call checks/transforms, hand the result to writers."""
