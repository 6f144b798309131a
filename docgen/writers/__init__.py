"""Writers: each turns the model (or a comparison of two models) into one output format."""
