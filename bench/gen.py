#!/usr/bin/env python3
"""Deterministic long-format monthly crime counts: indicator,area,period,value.

Usage: gen.py OUT.csv ROWS   (S = 100000, M = 1000000, L = 10000000)

Copied from ../shared/bench/gen.py (the shared peer-benchmark harness) unchanged except for
this docstring: stdlib only, and the same seed gives byte-for-byte the same file.
"""
import math, random, sys

BOROUGHS = ["Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "Croydon", "Ealing",
            "Enfield", "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey", "Harrow", "Havering",
            "Hillingdon", "Hounslow", "Islington", "Kensington and Chelsea", "Kingston upon Thames", "Lambeth",
            "Lewisham", "Merton", "Newham", "Redbridge", "Richmond upon Thames", "Southwark", "Sutton",
            "Tower Hamlets", "Waltham Forest", "Wandsworth", "Westminster"]
BASE = ["knife_crime", "homicide", "gun_crime", "robbery_personal", "robbery_business", "moped_enabled",
        "ptw_theft", "burglary_residential", "burglary_business", "theft_from_person", "theft_from_vehicle",
        "theft_of_vehicle", "bicycle_theft", "shoplifting", "criminal_damage", "arson", "violence_with_injury",
        "violence_without_injury", "harassment", "possession_of_weapons", "drug_trafficking", "drug_possession",
        "public_order", "domestic_abuse", "sexual_offences", "rape", "hate_crime", "racist_hate_crime",
        "homophobic_hate_crime", "faith_hate_crime", "antisocial_behaviour", "fraud", "stop_and_search",
        "stop_and_search_arrests", "knife_injury_u25", "gun_discharges", "acid_attacks", "vehicle_interference",
        "other_theft", "miscellaneous"]

def main():
    out, rows = sys.argv[1], int(sys.argv[2])
    rng = random.Random(20190331)
    series = [(i, a) for i in BASE for a in BOROUGHS]
    months = max(24, rows // len(series))
    inds = BASE
    while len(series) * months > rows * 1.05 and months > 24:
        months -= 1
    # more series when rows exceed 1280 series x 24 years
    k = 0
    while len(series) * months < rows * 0.95:
        k += 1
        inds = inds + [f"{b}_{k}" for b in BASE]
        series = [(i, a) for i in inds for a in BOROUGHS]
        months = max(24, rows // len(series))
    start_year = 2025 - (months + 11) // 12
    with open(out, "w") as f:
        f.write("indicator,area,period,value\n")
        for ind, area in series:
            level = rng.uniform(5, 400)
            slope = rng.uniform(-0.004, 0.004)
            amp = rng.uniform(0.0, 0.25)
            for t in range(months):
                y, m = start_year + t // 12, t % 12 + 1
                lam = max(0.5, level * (1 + slope * t) * (1 + amp * math.sin(2 * math.pi * (m - 3) / 12)))
                v = max(0, int(rng.gauss(lam, math.sqrt(lam)) + 0.5))
                f.write(f"{ind},{area},{y:04d}-{m:02d},{v}\n")

if __name__ == "__main__":
    main()
