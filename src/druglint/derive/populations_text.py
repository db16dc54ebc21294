"""placeholder"""

def extract(doc):
    return None
