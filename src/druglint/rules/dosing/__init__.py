"""DL4xx: dosing records held against the drug's spec (routes, strengths, schedule, populations)."""
