"""Card page sizes, apart from the PDF code so the command line can offer them without loading it."""

# Page sizes in millimetres, landscape.
SIZES = {"a5": (210.0, 148.0), "a6": (148.0, 105.0)}
DEFAULT_SIZE = "a5"
