#!/usr/bin/env python3
"""Generate the bundled ILLUSTRATIVE, FICTIONAL MPNST trial export.

Writes ``mpnst-ctg-studies.csv`` (next to this script, or to the path given
as the first argument) in the layout of the current ClinicalTrials.gov CSV
export (``ctg-studies.csv``): 30 columns, fields quoted only when needed,
records ending in CRLF, bare LF inside quoted multi-line fields.

Nothing here describes a real trial.  Identifiers are NCT99xxxxxx, and the
sponsors, facilities, titles, acronyms and summaries are invented.  Drug
names are real (the tool has to classify them), and so are city and country
names (the tool has to tally countries).

The shape follows the landscape of the reference letter (SPEC section 2):
about 150 trials, Phase II dominating, pan-soft-tissue-sarcoma trials as the
largest indication group, a block of advanced-solid-tumor baskets, a small
NF1-associated MPNST group, and so on.  Counts are fixed by construction (the
catalogue below lists every trial), and the random generator, seeded with a
constant, only fills in details (dates, sites, wording), so the output is
byte-for-byte reproducible.

Usage:  python3 make_example.py [OUTPUT.csv]
Only the Python standard library is used.
"""

import csv
import datetime as dt
import os
import random
import sys

SEED = 20250152          # fixed seed: same script -> same bytes
EXPORT_DATE = dt.date(2025, 6, 27)   # pretend day the export was downloaded

HEADER = [
    "NCT Number", "Study Title", "Study URL", "Acronym", "Study Status",
    "Brief Summary", "Study Results", "Conditions", "Interventions",
    "Primary Outcome Measures", "Secondary Outcome Measures",
    "Other Outcome Measures", "Sponsor", "Collaborators", "Sex", "Age",
    "Phases", "Enrollment", "Funder Type", "Study Type", "Study Design",
    "Other IDs", "Start Date", "Primary Completion Date", "Completion Date",
    "First Posted", "Results First Posted", "Last Update Posted", "Locations",
    "Study Documents",
]

# --------------------------------------------------------------------------
# 1. Trial catalogue
#
# Each entry is one regimen; its "inst" string lists the trials that use it,
# one token per trial, written INDICATION:PHASE.
#   Indications: STS pan-soft-tissue sarcoma, AST advanced solid tumors,
#                NF1 NF1-associated MPNST, MPN MPNST alone,
#                PED pediatric solid tumors, OTH other.
#   Phases:      E1, 1, 1/2, 2, 2/3, 3, 4, NA (interventional, no phase),
#                -  (observational: empty Phases column).
# "era" bounds the start year; "reg" is the sponsor region (US, EU, CN, JP,
# PED, NIH, ANY); "x" is the phrase used in titles, "c" the comparator for
# randomized trials; "title" overrides the generated titles (one per trial).
# Intervention strings deliberately include the written forms real exports
# contain: salts, brand names, research codes, doses in the name, combined
# texts, misspellings and a few unknown codes.
# --------------------------------------------------------------------------

def E(ivs, inst, era, reg="ANY", **kw):
    d = {"ivs": ivs, "inst": inst.split(), "era": era, "reg": reg}
    d.update(kw)
    return d


CATALOGUE = [
    # ---- cytotoxic chemotherapy only ------------------------------------
    E(["DRUG: Doxorubicin"], "STS:2", (1996, 2012), x="Dose-Intensified Doxorubicin"),
    E(["DRUG: Doxorubicin Hydrochloride", "DRUG: Ifosfamide", "DRUG: Mesna"],
      "STS:2 MPN:2", (1995, 2013), x="Doxorubicin and Ifosfamide"),
    E(["DRUG: Gemcitabine + Docetaxel"], "STS:2", (2002, 2016),
      x="Gemcitabine Plus Docetaxel"),
    E(["DRUG: Gemcitabine Hydrochloride", "DRUG: Docetaxel", "BIOLOGICAL: Filgrastim"],
      "STS:2", (2003, 2012), reg="NIH", x="Fixed-Dose-Rate Gemcitabine With Docetaxel"),
    E(["DRUG: Gemcitabine", "DRUG: Docetaxel", "DRUG: Doxorubicin"], "STS:2/3", (2010, 2014),
      reg="EU", x="Gemcitabine and Docetaxel", c="Doxorubicin", rand=True),
    E(["DRUG: Trabectedin"], "STS:2", (2005, 2019), reg="EU", x="Trabectedin"),
    E(["DRUG: Eribulin Mesylate", "DRUG: Dacarbazine"], "STS:3", (2011, 2013),
      x="Eribulin", c="Dacarbazine", rand=True),
    E(["DRUG: Temozolomide", "DRUG: Irinotecan Hydrochloride", "DRUG: Vincristine Sulfate"],
      "PED:1/2", (2008, 2015), reg="PED", x="Vincristine, Irinotecan and Temozolomide"),
    E(["DRUG: Liposomal doxorubicin"], "STS:2", (1998, 2006), reg="EU",
      x="Liposomal Doxorubicin"),
    E(["DRUG: Ifosfamide + etoposide", "DRUG: Mesna"], "MPN:2", (1999, 2008),
      x="Ifosfamide and Etoposide"),
    E(["DRUG: Aldoxorubicin", "DRUG: Doxorubicin"], "STS:2", (2012, 2014), reg="US",
      x="Aldoxorubicin", c="Doxorubicin", rand=True),
    E(["DRUG: Evofosfamide", "DRUG: Doxorubicin"], "STS:1/2", (2009, 2012), reg="US",
      x="Evofosfamide Combined With Doxorubicin"),
    E(["DRUG: Doxorubicin", "DRUG: Ifosfamide", "DRUG: Mesna"], "STS:3", (2003, 2008),
      reg="EU", x="Doxorubicin Plus Ifosfamide", c="Doxorubicin Alone", rand=True),
    E(["DRUG: AI (doxorubicin and ifosfamide)"], "STS:2", (2006, 2014), reg="CN",
      x="Doxorubicin-Ifosfamide (AI) Chemotherapy"),
    E(["DRUG: Nab-paclitaxel", "DRUG: Gemcitabine"], "STS:1/2", (2014, 2020),
      x="Nab-Paclitaxel and Gemcitabine"),
    E(["DRUG: Doxorubicine", "DRUG: Dacarbazine"], "STS:2", (2000, 2008), reg="EU",
      x="Doxorubicin With Dacarbazine"),
    E(["DRUG: Gemcitibine"], "STS:2", (2000, 2007), x="Weekly Gemcitabine"),
    E(["DRUG: Ifosphamide", "DRUG: Mesna", "BIOLOGICAL: G-CSF"], "STS:2", (1995, 2003),
      reg="EU", x="Continuous-Infusion High-Dose Ifosfamide"),
    E(["DRUG: Trabectidin", "DRUG: Doxorubicin"], "STS:1/2", (2010, 2015), reg="EU",
      x="Trabectedin Plus Doxorubicin"),

    # ---- chemotherapy + radiotherapy (+ surgery) ------------------------
    E(["DRUG: Doxorubicin", "DRUG: Ifosfamide", "DRUG: Mesna",
       "RADIATION: Intensity-Modulated Radiation Therapy", "PROCEDURE: Surgical resection"],
      "STS:2", (2005, 2018), loc=True, x="Neoadjuvant Chemotherapy and IMRT"),
    E(["DRUG: Epirubicin", "DRUG: Ifosfamide", "RADIATION: Preoperative radiotherapy",
       "PROCEDURE: Surgery"], "STS:2", (2002, 2011), reg="EU",
      loc=True,
      title=["Chemotherapy &amp; Radiotherapy Before Surgery for High-Risk Extremity Sarcoma"],
      about="epirubicin and ifosfamide given together with preoperative radiotherapy before surgery"),
    E(["DRUG: Gemcitabine", "RADIATION: Hypofractionated radiotherapy"], "STS:1", (2010, 2018),
      loc=True, x="Gemcitabine With Hypofractionated Radiotherapy"),
    E(["DRUG: Trabectedin", "RADIATION: Radiation therapy"], "STS:1/2", (2012, 2019), reg="EU",
      loc=True, x="Trabectedin With Concurrent Radiotherapy"),
    E(["DRUG: Vincristine Sulfate", "DRUG: Dactinomycin", "DRUG: Cyclophosphamide",
       "RADIATION: 3-Dimensional Conformal Radiation Therapy",
       "PROCEDURE: Therapeutic Conventional Surgery"], "PED:2", (2006, 2012), reg="PED",
      x="Risk-Adapted Chemotherapy, Surgery and Radiotherapy"),
    E(["DRUG: Ifosfamide", "DRUG: Doxorubicin", "RADIATION: Proton Beam Radiation Therapy",
       "PROCEDURE: Surgical resection"], "STS:2", (2015, 2022), reg="US", sp="veterans",
      loc=True, x="Preoperative Chemotherapy With Proton Beam Radiotherapy"),
    E(["DRUG: Cisplatin", "RADIATION: External beam radiotherapy"], "OTH:2", (2008, 2016),
      reg="JP", sp="tanabe", x="Cisplatin-Based Chemoradiotherapy"),
    E(["DRUG: Gemcitabine/Docetaxel", "RADIATION: Radiotherapy", "PROCEDURE: Surgery"],
      "STS:2", (2016, 2023), loc=True, x="Perioperative Gemcitabine/Docetaxel and Radiotherapy"),

    # ---- chemotherapy + targeted therapy --------------------------------
    E(["DRUG: Doxorubicin", "BIOLOGICAL: Olaratumab", "OTHER: Placebo"], "STS:1/2", (2016, 2017),
      reg="US", x="Olaratumab Added to Doxorubicin"),
    E(["DRUG: Gemcitabine", "DRUG: Docetaxel", "DRUG: Pazopanib"], "STS:1", (2010, 2015),
      x="Pazopanib Combined With Gemcitabine and Docetaxel"),
    E(["DRUG: Doxorubicin", "DRUG: Anlotinib Hydrochloride"], "STS:2", (2019, 2024), reg="CN",
      x="Anlotinib Plus Doxorubicin"),
    E(["DRUG: Anlotinib", "DRUG: Epirubicin", "DRUG: Ifosfamide"], "STS:2", (2019, 2024),
      reg="CN", x="Anlotinib With Epirubicin and Ifosfamide"),
    E(["DRUG: Trabectedin", "DRUG: Olaparib"], "STS:1", (2015, 2019), reg="EU",
      x="Trabectedin and Olaparib"),
    E(["BIOLOGICAL: Ganitumab", "DRUG: Vincristine", "DRUG: Doxorubicin",
       "DRUG: Cyclophosphamide", "DRUG: Ifosfamide", "DRUG: Etoposide", "DRUG: Mesna"],
      "PED:2", (2012, 2016), reg="PED", x="Ganitumab Added to Multi-Agent Chemotherapy"),
    E(["DRUG: Irinotecan", "DRUG: Temozolomide", "DRUG: Regorafenib"], "PED:1", (2017, 2022),
      reg="PED", x="Regorafenib With Irinotecan and Temozolomide"),
    E(["DRUG: Eribulin", "DRUG: Lenvatinib"], "STS:2", (2018, 2022), reg="JP",
      x="Eribulin Plus Lenvatinib"),
    E(["DRUG: Pazopanb", "DRUG: Topotecan"], "STS:2", (2012, 2017),
      x="Pazopanib and Oral Topotecan"),

    # ---- targeted therapy only ------------------------------------------
    E(["DRUG: Pazopanib"], "STS:2 MPN:2", (2009, 2018), x="Pazopanib"),
    E(["DRUG: Pazopanib Hydrochloride"], "STS:2", (2010, 2016), reg="NIH",
      x="Pazopanib Hydrochloride"),
    E(["DRUG: Pazopanib 800 mg orally daily"], "STS:2", (2012, 2018), reg="EU",
      x="Continuous Daily Pazopanib"),
    E(["DRUG: Votrient"], "STS:2", (2013, 2019), reg="JP", x="Pazopanib (Votrient)"),
    E(["DRUG: Pazopanib", "OTHER: Placebo"], "STS:3", (2008, 2010), reg="US",
      x="Pazopanib", c="Placebo", rand=True, blind=True),
    E(["DRUG: Anlotinib"], "STS:2 MPN:2 STS:2/3", (2016, 2023), reg="CN", x="Anlotinib"),
    E(["DRUG: AL3818"], "STS:2", (2015, 2019), reg="US", x="AL3818"),
    E(["DRUG: Anlotinib Hydrochloride Capsules"], "STS:4", (2019, 2022), reg="CN",
      title=["Real-World Safety of Anlotinib Hydrochloride Capsules After Approval in Soft Tissue Sarcoma"],
      about="the safety of anlotinib in routine practice after its approval"),
    E(["DRUG: Regorafenib", "DRUG: Placebo"], "STS:2", (2013, 2018), reg="EU",
      x="Regorafenib", c="Placebo", rand=True, blind=True),
    E(["DRUG: Sorafenib Tosylate"], "STS:2", (2005, 2010), reg="NIH", x="Sorafenib Tosylate"),
    E(["DRUG: sorafenib"], "MPN:2", (2006, 2010), x="Sorafenib"),
    E(["DRUG: Sunitinib Malate"], "STS:2", (2006, 2010), x="Sunitinib"),
    E(["DRUG: Cabozantinib S-malate"], "STS:2", (2014, 2019), reg="NIH", x="Cabozantinib"),
    E(["DRUG: Lenvatinib Mesylate", "DRUG: Everolimus"], "AST:1", (2016, 2020),
      x="Lenvatinib and Everolimus"),
    E(["DRUG: Selumetinib", "DRUG: Sirolimus"], "NF1:2", (2016, 2020), reg="NF",
      x="Selumetinib Plus Sirolimus"),
    E(["DRUG: PD-0325901"], "AST:1", (2004, 2008), reg="US", x="PD-0325901"),
    E(["DRUG: Mirdametinib"], "NF1:1/2", (2021, 2024), reg="NF", x="Mirdametinib"),
    E(["DRUG: Trametinib", "DRUG: Palbociclib"], "AST:1/2", (2016, 2021),
      x="Trametinib and Palbociclib"),
    E(["DRUG: Selumetinib Sulfate", "PROCEDURE: Surgical resection"], "NF1:E1", (2019, 2024),
      reg="NF",
      prim=["Change in tumor phospho-ERK staining, Percent change between pre-treatment biopsy and resection specimen, Baseline and day 14"],
      title=["Selumetinib Before Surgery in NF1-Associated Malignant Peripheral Nerve Sheath Tumors: a Window-of-Opportunity Study"],
      about="a short course of the MEK inhibitor selumetinib given before planned surgery"),
    E(["DRUG: Selumetinib"], "AST:2", (2015, 2019), reg="NIH",
      x="Selumetinib in a MAPK-Pathway Basket"),
    E(["DRUG: Everolimus", "DRUG: Bevacizumab"], "NF1:2", (2011, 2015), reg="NF",
      x="Everolimus and Bevacizumab"),
    E(["DRUG: TAK-228"], "AST:1", (2013, 2017), reg="US", x="TAK-228"),
    E(["DRUG: ABI-009"], "STS:2", (2016, 2020), reg="US", x="ABI-009 (nab-Sirolimus)"),
    E(["DRUG: Ridaforolimus", "DRUG: Placebo"], "STS:3", (2007, 2008), reg="US",
      x="Maintenance Ridaforolimus", c="Placebo", rand=True, blind=True),
    E(["DRUG: Temsirolimus", "BIOLOGICAL: Cixutumumab"], "STS:2", (2009, 2012), reg="NIH",
      x="Temsirolimus and Cixutumumab"),
    E(["DRUG: Palbociclib"], "STS:2 AST:2", (2013, 2019), x="Palbociclib"),
    E(["DRUG: Abemaciclib"], "STS:2", (2018, 2022), x="Abemaciclib"),
    E(["DRUG: TNO155", "DRUG: Ribociclib"], "AST:1", (2020, 2024), reg="US",
      x="TNO155 in Combination With Ribociclib"),
    E(["DRUG: RMC-4630", "DRUG: Cobimetinib"], "AST:1", (2020, 2023), reg="US",
      x="RMC-4630 With Cobimetinib"),
    E(["DRUG: Tazemetostat"], "AST:2", (2015, 2021), x="Tazemetostat"),
    E(["DRUG: Vorinostat"], "MPN:1/2", (2008, 2013), x="Vorinostat"),
    E(["DRUG: Molibresib (GSK525762)"], "AST:1", (2016, 2020), reg="US",
      x="the BET Inhibitor Molibresib"),
    E(["DRUG: IMC-A12"], "STS:2", (2008, 2011), reg="NIH", x="IMC-A12"),
    E(["DRUG: Ganetespib", "DRUG: Sirolimus"], "MPN:1/2", (2013, 2016), reg="NF",
      x="Ganetespib and Sirolimus"),
    E(["DRUG: Erlotinib"], "MPN:2", (2004, 2008), x="Erlotinib"),
    E(["DRUG: Imatinib Mesylate"], "STS:2", (2001, 2006), x="Imatinib Mesylate"),
    E(["DRUG: Alisertib"], "PED:1/2", (2011, 2014), reg="PED", x="Alisertib"),
    E(["DRUG: Nintedanib"], "STS:2", (2015, 2019), reg="EU", x="Nintedanib"),
    E(["DRUG: Larotrectinib"], "AST:1/2", (2015, 2019), reg="US", x="Larotrectinib"),
    E(["DRUG: KX-0917"], "AST:1", (2021, 2024), reg="US", x="KX-0917"),
    E(["DRUG: NSC-791212"], "MPN:1", (2018, 2023), reg="NIH", x="NSC-791212"),

    # ---- immunotherapy (alone or combined) ------------------------------
    E(["DRUG: Pembrolizumab (MK-3475)"], "STS:2 AST:2", (2015, 2019), x="Pembrolizumab"),
    E(["BIOLOGICAL: Pembrolizumab", "RADIATION: Stereotactic body radiation therapy"],
      "STS:2", (2017, 2022), x="Pembrolizumab With Stereotactic Radiotherapy"),
    E(["DRUG: Nivolumab", "DRUG: Ipilimumab"], "STS:2 MPN:2", (2016, 2021),
      x="Nivolumab With or Without Ipilimumab"),
    E(["BIOLOGICAL: Nivolumab"], "PED:1/2", (2015, 2018), reg="PED", x="Nivolumab"),
    E(["DRUG: Durvalumab", "DRUG: Tremelimumab"], "STS:2", (2016, 2020),
      x="Durvalumab and Tremelimumab"),
    E(["DRUG: Atezolizumab"], "AST:1", (2019, 2023), x="Atezolizumab"),
    E(["DRUG: Toripalimab", "DRUG: Anlotinib"], "STS:2", (2019, 2024), reg="CN",
      x="Toripalimab Plus Anlotinib"),
    E(["DRUG: Camrelizumab", "DRUG: Apatinib"], "STS:2", (2018, 2022), reg="CN",
      x="Camrelizumab and Apatinib"),
    E(["DRUG: Sintilimab", "DRUG: Anlotinib Hydrochloride", "DRUG: Doxorubicin"], "STS:2",
      (2020, 2024), reg="CN", x="Sintilimab, Anlotinib and Doxorubicin"),
    E(["DRUG: Pembrolizumab", "DRUG: Axitinib"], "STS:2", (2016, 2019), reg="US",
      x="Axitinib Plus Pembrolizumab"),
    E(["DRUG: Nivolumab", "DRUG: Cabozantinib"], "AST:1/2", (2017, 2022),
      x="Cabozantinib and Nivolumab"),
    E(["DRUG: Keytruda", "DRUG: Doxorubicin"], "STS:1/2", (2016, 2019),
      x="Pembrolizumab in Combination With Doxorubicin"),
    E(["DRUG: Ipilimumab", "DRUG: Nivolumab", "DRUG: Trabectedin"], "STS:1/2", (2017, 2021),
      x="Trabectedin, Ipilimumab and Nivolumab"),
    E(["BIOLOGICAL: Poly ICLC"], "AST:1/2", (2015, 2020), x="Intratumoral Poly ICLC"),
    E(["DRUG: Poly ICLC", "DRUG: Pembrolizumab"], "AST:1", (2017, 2021),
      x="Poly ICLC and Pembrolizumab"),
    E(["BIOLOGICAL: Tumor infiltrating lymphocytes", "BIOLOGICAL: Aldesleukin",
       "DRUG: Cyclophosphamide", "DRUG: Fludarabine Phosphate"], "AST:2", (2012, 2019),
      reg="NIH", x="Tumor-Infiltrating Lymphocytes and Aldesleukin"),
    E(["BIOLOGICAL: Interleukin-2", "BIOLOGICAL: Autologous tumor lysate vaccine"], "STS:1",
      (1996, 2002), sp="delacroix", x="Interleukin-2 With an Autologous Tumor Lysate Vaccine"),
    E(["DRUG: Bempegaldesleukin", "DRUG: Nivolumab"], "STS:2", (2019, 2021), reg="US",
      x="Bempegaldesleukin and Nivolumab"),
    E(["BIOLOGICAL: Talimogene Laherparepvec", "RADIATION: Radiation therapy"], "STS:1/2",
      (2016, 2020), loc=True, x="Talimogene Laherparepvec With Preoperative Radiotherapy"),
    E(["BIOLOGICAL: OV-2771 oncolytic adenovirus"], "AST:1", (2020, 2024), reg="US",
      x="the Oncolytic Adenovirus OV-2771"),
    E(["BIOLOGICAL: HER2-specific CAR T cells", "DRUG: Fludarabine", "DRUG: Cyclophosphamide"],
      "PED:1", (2010, 2018), reg="PED", x="HER2-Specific CAR T Cells"),
    E(["GENETIC: GD2-CAR T cells"], "PED:1", (2018, 2023), reg="PED", x="GD2-Directed CAR T Cells"),
    E(["BIOLOGICAL: B7-H3 CAR-T"], "AST:1", (2020, 2024), reg="CN", x="B7-H3 CAR-T Cells"),
    E(["BIOLOGICAL: Dendritic cell vaccine", "DRUG: Gemcitabine"], "STS:E1", (2011, 2016),
      prim=["Tumor-specific T-cell response, Proportion of participants with a measurable T-cell response to tumor lysate, Week 12"],
      x="a Dendritic Cell Vaccine With Gemcitabine"),
    E(["DRUG: Relatlimab", "DRUG: Nivolumab"], "AST:1/2", (2019, 2024),
      x="Relatlimab and Nivolumab"),
    E(["DRUG: Anti-PD-1 antibody", "DRUG: Chemotherapy"], "STS:2", (2020, 2024), reg="CN",
      x="Anti-PD-1 Antibody Plus Chemotherapy"),
    E(["DRUG: Pembrolizumab"], "NF1:2", (2019, 2023), reg="NF", x="Pembrolizumab"),
    E(["DRUG: Durvalumab", "DRUG: Tremelimumab",
       "RADIATION: Stereotactic Body Radiation Therapy"], "AST:2", (2017, 2021), reg="NIH",
      x="Durvalumab, Tremelimumab and SBRT"),
    E(["BIOLOGICAL: Nivolumab"], "AST:2", (2016, 2020), reg="NIH",
      x="Nivolumab for Rare Cancers"),

    # ---- radiotherapy / surgery / local therapy -------------------------
    E(["RADIATION: Intensity-Modulated Radiation Therapy"], "STS:NA", (2008, 2016),
      loc=True,
      title=["Image-Guided Intensity-Modulated Radiotherapy With Reduced Margins for Extremity Sarcoma"],
      about="image-guided intensity-modulated radiotherapy (IMRT) delivered with smaller safety margins"),
    E(["RADIATION: Preoperative hypofractionated radiotherapy", "PROCEDURE: Surgical resection"],
      "STS:2", (2016, 2023), loc=True, x="Five-Fraction Preoperative Radiotherapy"),
    E(["PROCEDURE: Surgical resection", "RADIATION: Brachytherapy"], "STS:NA", (1997, 2004),
      loc=True,
      title=["Adjuvant Brachytherapy After Limb-Sparing Resection of Soft Tissue Sarcoma"],
      about="brachytherapy catheters placed at the time of limb-sparing surgery"),
    E(["RADIATION: Carbon ion radiotherapy"], "STS:2", (2012, 2020), reg="JP",
      x="Carbon Ion Radiotherapy"),
    E(["PROCEDURE: Isolated limb perfusion", "DRUG: Melphalan",
       "BIOLOGICAL: Tumor necrosis factor alpha"], "STS:2", (1999, 2008), reg="EU",
      loc=True, x="Isolated Limb Perfusion With Melphalan and TNF-alpha"),
    E(["DRUG: Indocyanine green", "PROCEDURE: Surgical resection"], "STS:E1", (2019, 2024),
      loc=True,
      prim=["Tumor-to-background fluorescence ratio, Ratio of fluorescence intensity in tumor and adjacent normal tissue, During surgery"],
      title=["Near-Infrared Fluorescence Guidance With Indocyanine Green During Sarcoma Resection"],
      about="intravenous indocyanine green given before surgery so that the tumor edge can be seen with a near-infrared camera"),
    E(["PROCEDURE: Cryoablation"], "STS:NA", (2015, 2022),
      title=["Percutaneous Cryoablation of Lung Metastases From Soft Tissue Sarcoma"],
      about="image-guided cryoablation of a limited number of lung metastases"),
    E(["RADIATION: Stereotactic body radiation therapy"], "AST:NA", (2018, 2024),
      title=["Stereotactic Radiotherapy for Oligometastatic Sarcoma and Other Solid Tumors"],
      about="stereotactic body radiotherapy to every known site of metastatic disease"),

    # ---- supportive care, diagnostics, devices, behaviour ---------------
    E(["BIOLOGICAL: Pegfilgrastim", "DRUG: Ondansetron"], "STS:2", (2005, 2012),
      purpose="SUPPORTIVE_CARE",
      title=["Same-Day Pegfilgrastim and Antiemetic Support During Outpatient Sarcoma Chemotherapy"],
      about="pegfilgrastim given on the last day of chemotherapy together with standard antiemetics"),
    E(["DIAGNOSTIC_TEST: 18F-FDG PET/CT"], "NF1:NA", (2012, 2020), reg="NF", purpose="DIAGNOSTIC",
      spop="NF1 and a plexiform neurofibroma that is growing or painful",
      title=["FDG PET/CT to Detect Malignant Transformation of Plexiform Neurofibromas in NF1"],
      about="FDG PET/CT performed before biopsy of a growing or painful plexiform neurofibroma"),
    E(["DEVICE: Whole-body MRI", "OTHER: Standard clinical follow-up"], "NF1:NA", (2014, 2022),
      reg="EU", purpose="SCREENING", rand=True,
      spop="neurofibromatosis 1 and a large internal tumor burden",
      title=["Whole-Body MRI Surveillance for Early Detection of MPNST in Adults With NF1"],
      about="yearly whole-body MRI compared with standard clinical follow-up"),
    E(["BEHAVIORAL: Supervised exercise program"], "STS:NA", (2018, 2024), reg="EU",
      purpose="SUPPORTIVE_CARE", rand=True,
      title=["Supervised Exercise During Treatment for Sarcoma"],
      about="a 12-week supervised exercise program"),
    E(["DIAGNOSTIC_TEST: Circulating tumor DNA assay"], "MPN:NA", (2020, 2024), reg="US",
      purpose="DIAGNOSTIC",
      title=["Plasma Circulating Tumor DNA to Monitor Malignant Peripheral Nerve Sheath Tumors"],
      about="serial blood tests for circulating tumor DNA"),
    E(["DIETARY_SUPPLEMENT: Oral nutritional supplement", "BEHAVIORAL: Dietary counselling"],
      "STS:NA", (2017, 2023), reg="EU", purpose="SUPPORTIVE_CARE", rand=True,
      title=["Nutritional Support for Patients Receiving Sarcoma Chemotherapy"],
      about="oral nutritional supplements and dietary counselling"),
    E(["DEVICE: Wearable activity tracker", "BEHAVIORAL: Telehealth follow-up"], "STS:NA",
      (2020, 2024), reg="US", sp="veterans", purpose="SUPPORTIVE_CARE",
      loc=True,
      title=["Remote Activity Monitoring After Surgery for Soft Tissue Sarcoma"],
      about="a wrist-worn activity tracker combined with telehealth visits"),
    E(["COMBINATION_PRODUCT: Doxorubicin-eluting resorbable implant"], "STS:1", (2021, 2024),
      reg="US", loc=True, x="a Doxorubicin-Eluting Resorbable Implant Placed at Resection"),

    # ---- observational studies (empty Phases) ---------------------------
    E([], "NF1:-", (2008, 2016), reg="NF",
      prim=["Incidence of malignant transformation, Number of participants diagnosed with MPNST during follow-up, Up to 10 years"],
      title=["Natural History of Malignant Transformation in People With Neurofibromatosis 1"],
      about="how often, and how early, plexiform and atypical neurofibromas turn into MPNST in people with NF1"),
    E(["OTHER: Questionnaire"], "OTH:-", (2019, 2023), reg="EU",
      prim=["Patient-reported experience scores, Scores on a questionnaire about follow-up care, Single time point at enrolment"],
      title=["Patients&#39; Experience of Follow-up After Treatment for Nerve Sheath Tumours"],
      about="how patients experience follow-up visits and scans after treatment for a nerve sheath tumour"),
    E(["OTHER: Biospecimen collection"], "MPN:-", (2010, 2020), reg="NIH",
      prim=["Number of samples collected, Count of tissue and blood samples stored, Through study completion, an average of 5 years"],
      title=["Tissue and Blood Repository for Malignant Peripheral Nerve Sheath Tumor Research"],
      about="the collection and storage of tumor tissue and blood for future research on MPNST"),
    E(["DIAGNOSTIC_TEST: Whole-body MRI"], "NF1:-", (2015, 2021), reg="NF",
      prim=["MRI features associated with malignancy, Proportion of histologically confirmed MPNST showing each MRI feature, Up to 5 years"],
      title=["Imaging Features of Atypical Neurofibromas and Early MPNST in NF1: a Prospective Cohort"],
      about="the MRI appearance of atypical neurofibromas and early MPNST in people with NF1"),
    E(["DRUG: Pazopanib"], "STS:-", (2013, 2018), reg="EU",
      prim=["Progression-free survival, Time from the start of pazopanib to progression or death, Up to 3 years"],
      title=["Pazopanib in Routine Practice for Soft Tissue Sarcoma: a Multicentre Registry"],
      about="the outcomes of patients who receive pazopanib as part of routine care"),
    E(["OTHER: Genomic profiling"], "AST:-", (2016, 2022), reg="US", sp="sarcfund",
      prim=["Proportion of participants enrolled on a matched trial, Participants who start a trial matched to a genomic finding, 12 months"],
      title=["Tumor Genomic Profiling to Guide Trial Matching in Rare Solid Tumors"],
      about="whether tumor genomic profiling helps patients with rare solid tumors find a matching clinical trial"),
    E([], "PED:-", (2005, 2015), reg="PED",
      prim=["Event-free survival, Time from diagnosis to relapse, progression, second cancer or death, 5 years"],
      title=["Registry of Children and Adolescents With Non-Rhabdomyosarcoma Soft Tissue Sarcoma"],
      about="the treatment and outcomes of children and adolescents with non-rhabdomyosarcoma soft tissue sarcoma"),
    E(["OTHER: Blood sample"], "NF1:-", (2018, 2024), reg="NF",
      prim=["Concentration of candidate blood biomarkers, Levels measured in serial plasma samples, Every 6 months for up to 3 years"],
      title=["Circulating Biomarkers of MPNST Risk in Neurofibromatosis Type 1"],
      about="blood markers that may signal a higher risk of MPNST in people with NF1"),
    E(["OTHER: Quality of life questionnaire"], "STS:-", (2012, 2019), reg="EU",
      prim=["Patient-reported quality of life, EORTC QLQ-C30 global health status score, Baseline and yearly for up to 5 years"],
      title=["Long-Term Quality of Life in Survivors of Extremity Soft Tissue Sarcoma"],
      about="the long-term quality of life and limb function of people treated for extremity sarcoma"),
    E([], "OTH:-", (2001, 2011), reg="US",
      prim=["Overall survival, Time from diagnosis to death from any cause, Up to 10 years"],
      title=["Outcomes of Peripheral Nerve Sheath Tumors Treated at a Single Referral Center"],
      about="the treatment and outcomes of benign and malignant peripheral nerve sheath tumors seen at one referral center"),

    # ---- further regimens ---------------------------------------------
    E(["DRUG: Sapanisertib", "DRUG: Trametinib"], "AST:1", (2018, 2022),
      x="Sapanisertib and Trametinib"),
    E(["DRUG: Anlotinib"], "AST:1/2", (2018, 2023), reg="CN", x="Anlotinib"),
    E(["DRUG: Trametinib"], "NF1:2", (2017, 2022), reg="NF", x="Trametinib"),
    E(["DRUG: Sirolimus"], "NF1:2", (2010, 2016), reg="NF", x="Sirolimus"),
    E(["DRUG: Tazemetostat Hydrobromide"], "NF1:2", (2019, 2023), reg="NF", x="Tazemetostat"),
    E(["DRUG: TNO155"], "NF1:1", (2021, 2024), reg="NF", x="TNO155"),
    E(["DRUG: Eribulin"], "STS:2", (2011, 2017), reg="EU", x="Eribulin"),
    E(["DRUG: Paclitaxel", "DRUG: Bevacizumab"], "STS:2", (2007, 2012),
      x="Weekly Paclitaxel With Bevacizumab"),
    E(["DRUG: Cyclophosphamide", "DRUG: Methotrexate", "DRUG: Vinblastine"], "STS:2",
      (2009, 2015), reg="EU", x="Metronomic Cyclophosphamide, Methotrexate and Vinblastine"),
    E(["DRUG: Etoposide", "DRUG: Carboplatin"], "STS:2", (1997, 2004),
      x="Carboplatin and Etoposide"),
    E(["DRUG: Sunitinib", "DRUG: Nivolumab"], "STS:1/2", (2017, 2021), reg="EU",
      x="Sunitinib and Nivolumab"),
    E(["DRUG: Cixutumumab"], "PED:1", (2008, 2011), reg="PED", x="Cixutumumab"),
    E(["PROCEDURE: Nerve-sparing resection", "DEVICE: Intraoperative nerve monitoring"],
      "OTH:NA", (2013, 2021), reg="EU",
      title=["Nerve-Sparing Resection Guided by Intraoperative Monitoring for Peripheral Nerve Sheath Tumours"],
      about="nerve-sparing surgery guided by continuous intraoperative nerve monitoring"),
]

# Target shape (checked at the end of generation).
TARGET_PHASES = {"2": 77, "1": 23, "1/2": 21, "4": 1, "E1": 3, "2/3": 2, "3": 4, "NA": 11, "-": 10}
TARGET_INDICATIONS = {"STS": 85, "AST": 27, "NF1": 14, "MPN": 12, "PED": 10, "OTH": 4}
PHASE_CODE = {"E1": "EARLY_PHASE1", "1": "PHASE1", "1/2": "PHASE1|PHASE2", "2": "PHASE2",
              "2/3": "PHASE2|PHASE3", "3": "PHASE3", "4": "PHASE4", "NA": "NA", "-": ""}
PHASE_WORD = {"E1": "early phase I", "1": "phase I", "1/2": "phase I/II", "2": "phase II",
              "2/3": "phase II/III", "3": "phase III", "4": "phase IV", "NA": "", "-": ""}

# --------------------------------------------------------------------------
# 2. Invented sponsors and facilities (real cities and countries only)
# --------------------------------------------------------------------------

# facility key -> (facility, city, state or "", zip or "", country)
SITES = {
    # United States
    "lakeview": ("Lakeview University Medical Center", "Columbus", "Ohio", "43210", "United States"),
    "harbor": ("Harbor Point Cancer Institute", "Boston", "Massachusetts", "02115", "United States"),
    "sierra": ("Sierra Vista Comprehensive Cancer Center", "Sacramento", "California", "95817", "United States"),
    "prairie": ("Prairie State Oncology Hospital", "Chicago", "Illinois", "60611", "United States"),
    "gulf": ("Gulf Coast Sarcoma Center", "Houston", "Texas", "77030", "United States"),
    "cedar": ("Cedar Ridge Children's Hospital", "Aurora", "Colorado", "80045", "United States"),
    "blueharbor": ("Blue Harbor Medical College", "Baltimore", "Maryland", "21287", "United States"),
    "northfield": ("Northfield University Hospital", "Minneapolis", "Minnesota", "55455", "United States"),
    "evergreen": ("Evergreen Cancer Research Center", "Seattle", "Washington", "98109", "United States"),
    "magnolia": ("Magnolia Regional Cancer Institute", "Nashville", "Tennessee", "37232", "United States"),
    "hudson": ("Hudson Valley Cancer Center", "New York", "New York", "10065", "United States"),
    "keystone": ("Keystone Pediatric Oncology Center", "Philadelphia", "Pennsylvania", "19104", "United States"),
    "desert": ("Desert Bloom Cancer Center", "Phoenix", "Arizona", "85054", "United States"),
    "nitb": ("National Institute of Tumor Biology Clinical Center", "Bethesda", "Maryland", "20892", "United States"),
    "peachtree": ("Peachtree Children's Cancer Center", "Atlanta", "Georgia", "30322", "United States"),
    # France
    "marchand": ("Institut Marchand de Cancérologie", "Lyon", "", "69008", "France"),
    "atlantique": ("Centre Régional de Lutte Contre le Cancer Atlantique", "Bordeaux", "", "33076", "France"),
    "estuaire": ("Institut Régional de l&#39;Estuaire", "Nantes", "", "44000", "France"),
    "stclair": ("Hôpital Universitaire Saint-Clair", "Paris", "", "75013", "France"),
    "meridional": ("Centre Oncologique Méridional", "Marseille", "", "13009", "France"),
    # China
    "sh_east": ("Shanghai Eastern Bone and Soft Tissue Tumor Hospital", "Shanghai", "Shanghai", "200032", "China"),
    "bj_capital": ("Beijing Capital Oncology Hospital", "Beijing", "Beijing", "100142", "China"),
    "zhujiang": ("Zhujiang Provincial Cancer Center", "Guangzhou", "Guangdong", "510060", "China"),
    "w_sichuan": ("West Sichuan University Hospital", "Chengdu", "Sichuan", "610041", "China"),
    "tj_harbor": ("Tianjin Harbor Cancer Hospital", "Tianjin", "", "", "China"),
    "henan": ("Henan Central Tumor Hospital", "Zhengzhou", "Henan", "450008", "China"),
    # Germany
    "rheinhoehe": ("Universitätsklinikum Rheinhöhe", "Heidelberg", "", "69120", "Germany"),
    "westfalen": ("Westfälisches Sarkomzentrum", "Essen", "", "45147", "Germany"),
    "isartal": ("Klinikum Isartal", "Munich", "Bavaria", "81377", "Germany"),
    "spreeufer": ("Spreeufer Universitätsmedizin", "Berlin", "", "13353", "Germany"),
    "elbtal": ("Elbtal Krebszentrum", "Dresden", "", "", "Germany"),
    # Italy
    "valdera": ("Istituto Oncologico Valdera", "Milano", "MI", "20133", "Italy"),
    "sanvitale": ("Ospedale Universitario San Vitale", "Bologna", "", "40136", "Italy"),
    "tirreno": ("Centro Tumori Tirreno", "Roma", "RM", "00144", "Italy"),
    "piemonte": ("Istituto Sarcomi Piemontese", "Candiolo", "TO", "10060", "Italy"),
    # Japan
    "kanto": ("Kanto Central Cancer Hospital", "Chuo-ku", "Tokyo", "104-0045", "Japan"),
    "kansai": ("Kansai University Hospital for Oncology", "Osaka", "Osaka", "541-8567", "Japan"),
    "chubu": ("Chubu Regional Cancer Center", "Nagoya", "Aichi", "464-8681", "Japan"),
    "hokkaido": ("Hokkaido Northern Cancer Center", "Sapporo", "Hokkaido", "", "Japan"),
    # United Kingdom
    "thames": ("Royal Thames Sarcoma Unit", "London", "", "SW3 6JJ", "United Kingdom"),
    "pennine": ("Pennine University Hospital", "Birmingham", "", "B15 2TH", "United Kingdom"),
    "caledonian": ("Caledonian Cancer Centre", "Glasgow", "", "G12 0YN", "United Kingdom"),
    "mersey": ("Mersey Regional Sarcoma Service", "Liverpool", "", "", "United Kingdom"),
    # Canada
    "lakeshore": ("Lakeshore Cancer Centre", "Toronto", "Ontario", "M5G 2M9", "Canada"),
    "prairie_ca": ("Prairie Cancer Institute", "Edmonton", "Alberta", "T6G 1Z2", "Canada"),
    "montroyal": ("Hôpital Mont-Royal", "Montréal", "Quebec", "H3T 1E2", "Canada"),
    # Spain
    "sierraalta": ("Hospital Universitario Sierra Alta", "Madrid", "", "28041", "Spain"),
    "mediterraneo": ("Hospital del Mar Mediterráneo", "Barcelona", "", "08003", "Spain"),
    "guadalquivir": ("Hospital Universitario Guadalquivir", "Sevilla", "", "41013", "Spain"),
    "levante": ("Hospital Clínico Levante", "Valencia", "", "46010", "Spain"),
    # Netherlands
    "zuidkust": ("Zuidkust Medical Center", "Rotterdam", "", "3015 GD", "Netherlands"),
    "amstel": ("Amstel University Medical Center", "Amsterdam", "", "1066 CX", "Netherlands"),
    "leidenriver": ("Leiden Riverside Hospital", "Leiden", "", "", "Netherlands"),
    # Others
    "hanriver": ("Han River University Hospital", "Seoul", "", "03080", "South Korea"),
    "southerncross": ("Southern Cross Cancer Centre", "Melbourne", "Victoria", "3000", "Australia"),
    "leuven": ("Leuven Campus Cancer Institute", "Leuven", "", "3000", "Belgium"),
    "alpine": ("Alpine University Hospital, Sarcoma Unit", "Zurich", "", "8091", "Switzerland"),
    "nordic": ("Nordic Sarcoma Clinic", "Lund", "", "221 85", "Sweden"),
    "vistula": ("Vistula Oncology Centre", "Warsaw", "", "02-781", "Poland"),
}

SITES_BY_REGION = {
    "US": ["lakeview", "harbor", "sierra", "prairie", "gulf", "blueharbor", "northfield",
           "evergreen", "magnolia", "hudson", "desert"],
    "USPED": ["cedar", "keystone", "peachtree", "gulf", "northfield", "evergreen", "lakeshore"],
    "EU": ["marchand", "atlantique", "estuaire", "stclair", "meridional", "rheinhoehe",
           "westfalen", "isartal", "spreeufer", "elbtal", "valdera", "sanvitale", "tirreno",
           "piemonte", "thames", "pennine", "caledonian", "mersey", "sierraalta",
           "mediterraneo", "guadalquivir", "levante", "zuidkust", "amstel", "leidenriver",
           "leuven", "alpine", "nordic", "vistula"],
    "CN": ["sh_east", "bj_capital", "zhujiang", "w_sichuan", "tj_harbor", "henan"],
    "JP": ["kanto", "kansai", "chubu", "hokkaido"],
    "OTHER": ["lakeshore", "prairie_ca", "montroyal", "hanriver", "southerncross"],
}

# sponsor key -> (name, funder type, home site or None, site region, other-ID prefix)
SPONSORS = {
    "nitb": ("National Institute of Tumor Biology (NITB)", "NIH", "nitb", "US", "NITB"),
    "veterans": ("Federal Veterans Cancer Research Service", "FED", "blueharbor", "US", "FVCRS"),
    "lakeshore_agency": ("Lakeshore Provincial Cancer Agency", "OTHER_GOV", "lakeshore", "OTHER", "LPCA"),
    "arco": ("Agence Régionale de Recherche Clinique Ouest", "OTHER_GOV", "estuaire", "EU", "ARRCO"),
    "delacroix": ("Marta Delacroix", "INDIV", "hudson", "US", "MD"),
    "tanabe": ("Hiroshi Tanabe", "INDIV", "chubu", "JP", "HT"),
    "corvane": ("Corvane Therapeutics", "INDUSTRY", None, "US", "CRV"),
    "halberd": ("Halberd Oncology, Inc.", "INDUSTRY", None, "US", "HAL"),
    "meridia": ("Meridia Biosciences", "INDUSTRY", None, "US", "MBX"),
    "kestrel": ("Kestrel Bio, Inc.", "INDUSTRY", None, "US", "KB"),
    "aurelian": ("Aurelian Pharma AG", "INDUSTRY", None, "EU", "AUR"),
    "nordhaven": ("Nordhaven Therapeutics B.V.", "INDUSTRY", None, "EU", "NHT"),
    "lumiere": ("Lumiere Oncology SAS", "INDUSTRY", None, "EU", "LUM"),
    "jiangnan": ("Jiangnan Hengrun Pharmaceutical Co., Ltd.", "INDUSTRY", None, "CN", "JHP"),
    "tianhe": ("Tianhe Biopharma Co., Ltd.", "INDUSTRY", None, "CN", "THB"),
    "sakura": ("Sakura Valley Pharmaceutical Co., Ltd.", "INDUSTRY", None, "JP", "SVP"),
    "nsc": ("Northfield Sarcoma Consortium", "NETWORK", "northfield", "US", "NSC"),
    "tstg": ("Transatlantic Sarcoma Trials Group", "NETWORK", "thames", "EU", "TSTG"),
    "psta": ("Pediatric Solid Tumor Alliance", "NETWORK", "keystone", "USPED", "PSTA"),
    "asrn": ("Asian Sarcoma Research Network", "NETWORK", "sh_east", "CN", "ASRN"),
    "ennet": ("European Nerve Sheath Tumour Network", "NETWORK", "rheinhoehe", "EU", "ENNET"),
    "iberian": ("Iberian Sarcoma Study Group", "NETWORK", "sierraalta", "EU", "ISSG"),
    "adriatico": ("Gruppo Sarcomi Adriatico", "NETWORK", "sanvitale", "EU", "GSA"),
    "nfttc": ("Neurofibromatosis Therapeutic Trials Collaborative", "NETWORK", "cedar", "US", "NFTTC"),
    "lakeview": ("Lakeview University Medical Center", "OTHER", "lakeview", "US", "LUMC"),
    "harbor": ("Harbor Point Cancer Institute", "OTHER", "harbor", "US", "HPCI"),
    "gulf": ("Gulf Coast Sarcoma Center", "OTHER", "gulf", "US", "GCSC"),
    "evergreen": ("Evergreen Cancer Research Center", "OTHER", "evergreen", "US", "ECRC"),
    "cedar": ("Cedar Ridge Children's Hospital", "OTHER", "cedar", "USPED", "CRCH"),
    "marchand": ("Institut Marchand de Cancérologie", "OTHER", "marchand", "EU", "IMC"),
    "rheinhoehe": ("Universitätsklinikum Rheinhöhe", "OTHER", "rheinhoehe", "EU", "UKR"),
    "valdera": ("Istituto Oncologico Valdera", "OTHER", "valdera", "EU", "IOV"),
    "thames": ("Royal Thames Sarcoma Unit", "OTHER", "thames", "EU", "RTSU"),
    "zuidkust": ("Zuidkust Medical Center", "OTHER", "zuidkust", "EU", "ZMC"),
    "sierraalta": ("Hospital Universitario Sierra Alta", "OTHER", "sierraalta", "EU", "HUSA"),
    "sh_east": ("Shanghai Eastern Bone and Soft Tissue Tumor Hospital", "OTHER", "sh_east", "CN", "SEBT"),
    "bj_capital": ("Beijing Capital Oncology Hospital", "OTHER", "bj_capital", "CN", "BCOH"),
    "zhujiang": ("Zhujiang Provincial Cancer Center", "OTHER", "zhujiang", "CN", "ZPCC"),
    "w_sichuan": ("West Sichuan University Hospital", "OTHER", "w_sichuan", "CN", "WSUH"),
    "kanto": ("Kanto Central Cancer Hospital", "OTHER", "kanto", "JP", "KCCH"),
    "hanriver": ("Han River University Hospital", "OTHER", "hanriver", "OTHER", "HRUH"),
    "sarcfund": ("Sarcoma Patient Research Foundation", "UNKNOWN", None, "US", "SPRF"),
}

# region hint of a catalogue entry -> candidate lead sponsors
SPONSORS_BY_REGION = {
    "US": ["lakeview", "harbor", "gulf", "evergreen", "nsc", "corvane", "halberd", "meridia",
           "kestrel", "delacroix", "veterans", "sarcfund"],
    "NIH": ["nitb", "nitb", "nitb", "nsc"],
    "EU": ["marchand", "rheinhoehe", "valdera", "thames", "zuidkust", "sierraalta", "tstg",
           "ennet", "iberian", "adriatico", "aurelian", "nordhaven", "lumiere", "arco"],
    "CN": ["sh_east", "bj_capital", "zhujiang", "w_sichuan", "asrn", "jiangnan", "tianhe"],
    "JP": ["kanto", "sakura", "tanabe", "asrn"],
    "PED": ["psta", "psta", "cedar", "nitb"],
    "NF": ["nfttc", "nfttc", "ennet", "nitb", "harbor", "cedar"],
    "ANY": ["lakeview", "harbor", "gulf", "evergreen", "nsc", "corvane", "halberd", "meridia",
            "marchand", "rheinhoehe", "valdera", "thames", "tstg", "aurelian", "lumiere",
            "kanto", "lakeshore_agency", "hanriver", "nitb", "zuidkust"],
}
INDUSTRY_BY_REGION = {"US": ["corvane", "halberd", "meridia", "kestrel"],
                      "EU": ["aurelian", "nordhaven", "lumiere"],
                      "CN": ["jiangnan", "tianhe"], "JP": ["sakura"]}

# --------------------------------------------------------------------------
# 3. Wording (all written for this file)
# --------------------------------------------------------------------------

# (as used in titles, as used inside a sentence: "in patients with ...")
POPULATIONS = {
    "STS": [("Advanced Soft Tissue Sarcoma", "advanced soft tissue sarcoma"),
            ("Metastatic Soft Tissue Sarcoma", "metastatic soft tissue sarcoma"),
            ("Unresectable or Metastatic Soft Tissue Sarcoma",
             "soft tissue sarcoma that cannot be removed by surgery or has spread"),
            ("Recurrent Soft Tissue Sarcoma", "soft tissue sarcoma that has come back after earlier treatment"),
            ("Previously Treated Soft Tissue Sarcoma", "soft tissue sarcoma that progressed after at least one prior therapy"),
            ("Advanced Sarcomas Including MPNST", "advanced sarcoma, including malignant peripheral nerve sheath tumor (MPNST)"),
            ("Adults With Soft Tissue Sarcomas", "advanced soft tissue sarcoma of any subtype")],
    # localized disease, for regimens built around surgery or radiotherapy
    "LOC": [("Localized High-Risk Soft Tissue Sarcoma",
             "localized, high-risk soft tissue sarcoma of the extremity or trunk"),
            ("Resectable Soft Tissue Sarcoma", "soft tissue sarcoma that can be removed by surgery"),
            ("Primary Extremity and Trunk Sarcoma", "a newly diagnosed sarcoma of the limb or trunk wall")],
    "AST": [("Advanced Solid Tumors", "advanced solid tumors, including sarcomas such as MPNST"),
            ("Refractory Solid Tumors", "solid tumors that no longer respond to standard therapy"),
            ("Advanced or Metastatic Solid Tumors", "advanced or metastatic solid tumors"),
            ("Advanced Malignancies", "advanced cancers for which no standard treatment remains"),
            ("Rare Solid Tumors Including MPNST", "rare solid tumors, including MPNST")],
    "NF1": [("Neurofibromatosis Type 1-Associated Malignant Peripheral Nerve Sheath Tumors",
             "neurofibromatosis type 1 (NF1) and a malignant peripheral nerve sheath tumor"),
            ("NF1-Related MPNST", "NF1-associated MPNST"),
            ("Malignant Peripheral Nerve Sheath Tumors in Neurofibromatosis 1",
             "MPNST arising in people with neurofibromatosis 1")],
    "MPN": [("Malignant Peripheral Nerve Sheath Tumors", "malignant peripheral nerve sheath tumor (MPNST)"),
            ("Unresectable or Metastatic MPNST", "MPNST that cannot be removed by surgery or has spread"),
            ("Recurrent Malignant Peripheral Nerve Sheath Tumor", "MPNST that has come back after treatment"),
            ("Advanced MPNST", "advanced MPNST, whether sporadic or radiation-associated")],
    "PED": [("Children and Young Adults With Refractory Solid Tumors",
             "relapsed or refractory solid tumors, aged 1 to 21 years"),
            ("Pediatric Soft Tissue Sarcomas", "childhood soft tissue sarcomas, including MPNST"),
            ("Childhood Solid Tumors", "solid tumors diagnosed in childhood"),
            ("Young Patients With Relapsed Sarcomas", "relapsed sarcoma, aged up to 30 years")],
    "OTH": [("Head and Neck Sarcomas Including MPNST", "sarcomas of the head and neck, including MPNST"),
            ("Nerve Sheath Tumors", "peripheral nerve sheath tumors")],
}

TITLE_TEMPLATES = {
    "1": ["A Phase I Study of {x} in {p}", "Dose-Escalation Study of {x} in {p}",
          "Safety and Pharmacokinetics of {x} in {p}", "{x} for {p}: a Dose-Finding Study"],
    "1/2": ["Phase I/II Study of {x} in {p}", "{x} for {p}: a Phase 1b/2 Trial",
            "Dose Finding and Efficacy of {x} in {p}"],
    "2": ["{x} in {p}", "A Phase II Study of {x} for {p}", "Efficacy and Safety of {x} in {p}",
          "{x} for {p}", "Activity of {x} in {p}", "A Multicenter Trial of {x} in {p}"],
    "2/3": ["{x} Versus {c} in {p}"],
    "3": ["{x} Versus {c} in {p}", "Randomized Trial of {x} Compared With {c} for {p}"],
    "E1": ["Pilot Study of {x} in {p}"],
    "4": ["{x} in {p}: a Post-Marketing Study"],
    "NA": ["{x} in {p}"],
}

# short mechanism phrases (first match on the intervention text wins)
MECHANISMS = [
    ("pazopan", "an oral inhibitor of several receptor tyrosine kinases that drive tumor blood-vessel growth"),
    ("votrient", "an oral inhibitor of several receptor tyrosine kinases that drive tumor blood-vessel growth"),
    ("anlotinib", "an oral multi-target tyrosine kinase inhibitor acting on VEGF, FGF and PDGF receptors"),
    ("al3818", "an oral multi-target tyrosine kinase inhibitor acting on VEGF, FGF and PDGF receptors"),
    ("regorafenib", "an oral multi-kinase inhibitor with anti-angiogenic activity"),
    ("sorafenib", "an oral multi-kinase inhibitor of RAF and VEGF receptors"),
    ("sunitinib", "an oral inhibitor of VEGF, PDGF and KIT receptors"),
    ("cabozantinib", "an oral inhibitor of MET, VEGFR2 and related kinases"),
    ("lenvatinib", "an oral inhibitor of VEGF and FGF receptors"),
    ("apatinib", "an oral, selective VEGFR2 inhibitor"),
    ("selumetinib", "an oral MEK1/2 inhibitor"), ("mirdametinib", "an oral MEK1/2 inhibitor"),
    ("pd-0325901", "an oral MEK inhibitor"), ("trametinib", "an oral MEK1/2 inhibitor"),
    ("everolimus", "an mTOR inhibitor"), ("sirolimus", "an mTOR inhibitor"),
    ("tak-228", "an inhibitor of both mTORC1 and mTORC2"), ("sapanisertib", "an inhibitor of both mTORC1 and mTORC2"),
    ("abi-009", "an albumin-bound form of the mTOR inhibitor sirolimus"),
    ("ridaforolimus", "an mTOR inhibitor"), ("temsirolimus", "an intravenous mTOR inhibitor"),
    ("palbociclib", "an inhibitor of the cell-cycle kinases CDK4 and CDK6"),
    ("abemaciclib", "an inhibitor of the cell-cycle kinases CDK4 and CDK6"),
    ("tno155", "an allosteric inhibitor of the phosphatase SHP2"),
    ("rmc-4630", "an inhibitor of the phosphatase SHP2"),
    ("tazemetostat", "an oral inhibitor of the histone methyltransferase EZH2"),
    ("vorinostat", "a histone deacetylase (HDAC) inhibitor"),
    ("panobinostat", "a pan-histone deacetylase inhibitor"),
    ("molibresib", "an inhibitor of BET bromodomain proteins"),
    ("cixutumumab", "a monoclonal antibody against the IGF-1 receptor"),
    ("imc-a12", "a monoclonal antibody against the IGF-1 receptor"),
    ("ganitumab", "a monoclonal antibody against the IGF-1 receptor"),
    ("ganetespib", "an inhibitor of the chaperone protein HSP90"),
    ("erlotinib", "an oral EGFR tyrosine kinase inhibitor"),
    ("imatinib", "an inhibitor of KIT and PDGF receptor kinases"),
    ("dasatinib", "an inhibitor of SRC-family kinases"),
    ("alisertib", "an inhibitor of Aurora A kinase"),
    ("nintedanib", "an oral triple angiokinase inhibitor"),
    ("larotrectinib", "a selective inhibitor of TRK kinases"),
    ("olaratumab", "a monoclonal antibody that blocks PDGF receptor alpha"),
    ("olaparib", "an inhibitor of PARP enzymes involved in DNA repair"),
    ("pembrolizumab", "an antibody that blocks the PD-1 immune checkpoint"),
    ("keytruda", "an antibody that blocks the PD-1 immune checkpoint"),
    ("nivolumab", "an antibody that blocks the PD-1 immune checkpoint"),
    ("toripalimab", "an anti-PD-1 antibody"), ("camrelizumab", "an anti-PD-1 antibody"),
    ("sintilimab", "an anti-PD-1 antibody"), ("anti-pd-1", "an antibody against PD-1"),
    ("durvalumab", "an antibody against PD-L1"), ("atezolizumab", "an antibody against PD-L1"),
    ("ipilimumab", "an antibody that blocks the CTLA-4 checkpoint"),
    ("relatlimab", "an antibody against the LAG-3 checkpoint"),
    ("epacadostat", "an oral inhibitor of the immunosuppressive enzyme IDO1"),
    ("poly iclc", "a synthetic double-stranded RNA that stimulates Toll-like receptor 3"),
    ("aldesleukin", "a recombinant form of interleukin-2"), ("interleukin-2", "a recombinant cytokine that expands T cells"),
    ("bempegaldesleukin", "a pegylated interleukin-2 pathway agonist"),
    ("talimogene", "an oncolytic herpes virus engineered to express GM-CSF"),
    ("oncolytic", "a virus engineered to replicate in and kill tumor cells"),
    ("car t", "genetically modified T cells that recognise a tumor surface antigen"),
    ("car-t", "genetically modified T cells that recognise a tumor surface antigen"),
    ("dendritic", "a vaccine made from the patient's own dendritic cells"),
    ("trabectedin", "a marine-derived agent that binds the DNA minor groove"),
    ("trabectidin", "a marine-derived agent that binds the DNA minor groove"),
    ("eribulin", "a microtubule dynamics inhibitor"),
    ("aldoxorubicin", "an albumin-binding prodrug of doxorubicin"),
    ("evofosfamide", "a prodrug activated in hypoxic tumor regions"),
    ("gemcitabine", "a nucleoside analogue that blocks DNA synthesis"),
    ("gemcitibine", "a nucleoside analogue that blocks DNA synthesis"),
    ("doxorubicin", "an anthracycline"), ("ifosfamide", "an alkylating agent"),
    ("ifosphamide", "an alkylating agent"), ("temozolomide", "an oral alkylating agent"),
    ("irinotecan", "a topoisomerase I inhibitor"), ("cyclophosphamide", "an alkylating agent"),
    ("melphalan", "an alkylating agent"), ("cisplatin", "a platinum compound"),
    ("carboplatin", "a platinum compound"), ("paclitaxel", "a taxane"),
    ("indocyanine", "a near-infrared fluorescent dye"),
]

GOALS = {
    "1": ["determine the maximum tolerated dose and the recommended phase II dose",
          "describe the safety profile and identify dose-limiting toxicities",
          "characterise safety, tolerability and pharmacokinetics"],
    "1/2": ["find a safe dose in the first part and estimate the response rate in the second part",
            "establish the recommended dose and then measure disease control in expansion cohorts"],
    "2": ["estimate the objective response rate", "estimate progression-free survival at 6 months",
          "measure the proportion of patients free of progression at 12 weeks",
          "estimate the rate of clinical benefit"],
    "2/3": ["select the more active regimen in the phase II part and compare progression-free survival in the phase III part"],
    "3": ["compare overall survival between the arms", "compare progression-free survival between the arms"],
    "E1": ["measure changes in tumor tissue before and after a short course of treatment"],
    "4": ["describe adverse reactions during routine use after approval"],
    "NA": ["assess feasibility and early outcomes"],
}

CONDITION_SETS = {
    "STS_BASE": ["Soft Tissue Sarcoma", "Sarcoma", "Adult Soft Tissue Sarcoma",
                 "Metastatic Soft Tissue Sarcoma", "Advanced Soft-tissue Sarcoma",
                 "Recurrent Adult Soft Tissue Sarcoma", "Sarcoma,Soft Tissue"],
    "STS_SUB": ["Leiomyosarcoma", "Liposarcoma", "Synovial Sarcoma",
                "Undifferentiated Pleomorphic Sarcoma", "Fibrosarcoma", "Angiosarcoma",
                "Myxofibrosarcoma", "Epithelioid Sarcoma", "Alveolar Soft Part Sarcoma",
                "Malignant Fibrous Histiocytoma", "Dedifferentiated Liposarcoma",
                "Desmoplastic Small Round Cell Tumor", "Clear Cell Sarcoma",
                "Solitary Fibrous Tumor", "Rhabdomyosarcoma"],
    "MPNST": ["Malignant Peripheral Nerve Sheath Tumor", "Malignant Peripheral Nerve Sheath Tumor",
              "Malignant Peripheral Nerve Sheath Tumor", "Malignant Peripheral Nerve Sheath Tumors",
              "MPNST", "Neurofibrosarcoma", "Malignant Schwannoma",
              "Adult Malignant Peripheral Nerve Sheath Tumor"],
    "AST_BASE": ["Advanced Solid Tumors", "Advanced Solid Tumor", "Solid Tumor, Adult",
                 "Metastatic Solid Tumors", "Refractory Solid Tumors",
                 "Advanced Malignant Solid Neoplasm"],
    "AST_SUB": ["Melanoma", "Non-small Cell Lung Cancer", "Colorectal Cancer", "Sarcoma",
                "Breast Cancer", "Pancreatic Cancer", "Head and Neck Squamous Cell Carcinoma",
                "Ovarian Cancer", "Glioma"],
    "NF1": ["Neurofibromatosis 1|Malignant Peripheral Nerve Sheath Tumor",
            "Neurofibromatosis Type 1|Malignant Peripheral Nerve Sheath Tumors",
            "NF1|MPNST",
            "Neurofibromatosis 1|Malignant Peripheral Nerve Sheath Tumor|Plexiform Neurofibroma",
            "Neurofibromatosis 1|MPNST|Atypical Neurofibroma",
            "Neurofibromatosis Type 1|Neurofibrosarcoma"],
    "MPN": ["Malignant Peripheral Nerve Sheath Tumor", "MPNST",
            "Malignant Peripheral Nerve Sheath Tumors",
            "Malignant Peripheral Nerve Sheath Tumor|Recurrent Malignant Peripheral Nerve Sheath Tumor",
            "Neurofibrosarcoma",
            "Malignant Peripheral Nerve Sheath Tumor|Unresectable Malignant Peripheral Nerve Sheath Tumor|Metastatic Malignant Peripheral Nerve Sheath Tumor"],
    "PED": ["Pediatric Solid Tumor|Rhabdomyosarcoma|Ewing Sarcoma|Malignant Peripheral Nerve Sheath Tumor|Neuroblastoma",
            "Childhood Soft Tissue Sarcoma|Non-Rhabdomyosarcoma Soft Tissue Sarcoma|Malignant Peripheral Nerve Sheath Tumor",
            "Refractory Pediatric Solid Tumors|Osteosarcoma|Rhabdomyosarcoma|MPNST",
            "Recurrent Childhood Soft Tissue Sarcoma|Childhood Malignant Peripheral Nerve Sheath Tumor|Rhabdomyosarcoma",
            "Pediatric Solid Tumor|Malignant Peripheral Nerve Sheath Tumor|Wilms Tumor|Hepatoblastoma"],
    "OTH": ["Head and Neck Sarcoma|Malignant Peripheral Nerve Sheath Tumor",
            "Peripheral Nerve Sheath Tumors|Schwannoma|Neurofibroma|Malignant Peripheral Nerve Sheath Tumor",
            "Radiation-Induced Sarcoma|Malignant Peripheral Nerve Sheath Tumor",
            "Nerve Sheath Neoplasms|Quality of Life"],
}

ACRONYM_WORDS = ["NERVA", "SHEATH", "TRIDENT", "KESTREL", "LANTERN", "MERIDIAN", "HALCYON",
                 "AURORA-S", "BEACON", "COMPASS", "ELM", "FALCON", "GRANITE", "HARBOR", "IRIS",
                 "JUNIPER", "KEEL", "LYNX", "MOSAIC", "NOVA", "ORCHID", "PRISM", "QUARTZ",
                 "RIVET", "SPROUT", "TIDE", "UMBRA", "VESSEL", "WILLOW", "ZEPHYR"]


# --------------------------------------------------------------------------
# 4. Helpers
# --------------------------------------------------------------------------

def iv_name(iv):
    """'DRUG: Pazopanib' -> 'Pazopanib'."""
    return iv.split(": ", 1)[1]


def mechanism(ivs):
    text = " ".join(ivs).lower()
    for key, phrase in MECHANISMS:
        if key in text:
            name = next((iv_name(iv) for iv in ivs if key in iv.lower()), key)
            # "Pazopanib 800 mg orally daily" -> "Pazopanib"; "X (code)" -> "X"
            name = name.split(" (")[0]
            words = name.split()
            for i, w in enumerate(words):
                if any(ch.isdigit() for ch in w) and i > 0:
                    name = " ".join(words[:i])
                    break
            if any(sep in name for sep in ("+", "/", " and ")) or name.isupper() and len(name) < 4:
                return None
            return name, phrase
    return None


def fmt_date(d, full=True):
    return d.isoformat() if full else d.strftime("%Y-%m")


def add_days(d, n):
    return d + dt.timedelta(days=n)


def clamp(d, hi=EXPORT_DATE):
    return d if d <= hi else hi


def location(site_key):
    fac, city, state, zip_, country = SITES[site_key]
    return ", ".join(p for p in (fac, city, state, zip_, country) if p)


# --------------------------------------------------------------------------
# 5. Build the trials
# --------------------------------------------------------------------------

def expand_catalogue():
    trials = []
    for ei, e in enumerate(CATALOGUE):
        for k, tok in enumerate(e["inst"]):
            ind, ph = tok.split(":")
            trials.append({"entry": e, "k": k, "ind": ind, "ph": ph, "eid": ei})
    return trials


def assign_dates_and_status(trials, rng):
    # start dates within each regimen's era
    for t in trials:
        y0, y1 = t["entry"]["era"]
        year = rng.randint(y0, y1)
        t["start"] = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    # observational studies and the newest interventional trials drive status
    order = sorted(trials, key=lambda t: (t["start"], t["eid"], t["k"]), reverse=True)
    recent_pool = (["RECRUITING"] * 24 + ["ENROLLING_BY_INVITATION"] * 3 +
                   ["ACTIVE_NOT_RECRUITING"] * 9 + ["TERMINATED"] * 4 + ["WITHDRAWN"] * 2 +
                   ["COMPLETED"] * 4 + ["SUSPENDED"] * 2)
    older_pool = (["TERMINATED"] * 13 + ["WITHDRAWN"] * 4 + ["SUSPENDED"] * 2 +
                  ["COMPLETED"] * 56 + ["UNKNOWN"] * 24)
    rng.shuffle(recent_pool)
    rng.shuffle(older_pool)
    n_new = 5
    for i, t in enumerate(order):
        if i < n_new:
            t["status"] = "NOT_YET_RECRUITING"
            # planned start after the export date, still within 2025
            t["start"] = dt.date(2025, rng.randint(7, 12), rng.randint(1, 28))
        elif i < n_new + len(recent_pool):
            t["status"] = recent_pool[i - n_new]
        else:
            t["status"] = older_pool[i - n_new - len(recent_pool)]
    # a recruiting trial cannot start after the export date
    for t in trials:
        if t["status"] != "NOT_YET_RECRUITING" and t["start"] > EXPORT_DATE:
            t["start"] = add_days(EXPORT_DATE, -rng.randint(20, 200))


def duration_days(ph, rng):
    return {"E1": (300, 900), "1": (700, 1800), "1/2": (900, 2200), "2": (700, 2400),
            "2/3": (1400, 2900), "3": (1500, 3000), "4": (700, 1400), "NA": (500, 1800),
            "-": (700, 3600)}[ph]


def build_dates(t, rng):
    ph, status = t["ph"], t["status"]
    if status in ("COMPLETED", "TERMINATED", "WITHDRAWN", "UNKNOWN") and \
            t["start"] > add_days(EXPORT_DATE, -400):
        t["start"] = add_days(EXPORT_DATE, -rng.randint(400, 900))
    st = t["start"]
    lo, hi = duration_days(ph, rng)
    dur = rng.randint(lo, hi)
    if status == "TERMINATED":
        dur = rng.randint(180, max(200, dur // 2))
    if status == "WITHDRAWN":
        dur = rng.randint(60, 400)
    pcd = add_days(st, dur)
    cd = add_days(pcd, rng.choice([0, 0, 90, 180, 365, 540]))
    # registrations began in late 1999; older trials were posted then
    if st.year < 2000:
        fp = dt.date(1999, 11, 1) if rng.random() < 0.6 else dt.date(2000, rng.randint(1, 6), rng.randint(1, 28))
    else:
        fp = add_days(st, rng.randint(-120, 300))
    if status == "NOT_YET_RECRUITING":
        fp = add_days(EXPORT_DATE, -rng.randint(10, 150))
    fp = clamp(fp, add_days(EXPORT_DATE, -3))
    finished = status in ("COMPLETED", "TERMINATED", "WITHDRAWN", "UNKNOWN")
    if finished:
        # finished trials have past dates
        latest = add_days(EXPORT_DATE, -rng.randint(60, 500))
        if pcd > latest:
            pcd = latest
        if cd < pcd or cd > EXPORT_DATE:
            cd = pcd if rng.random() < 0.5 else clamp(add_days(pcd, 120), add_days(EXPORT_DATE, -30))
        if pcd < st:
            pcd = cd = add_days(st, 120)
    else:
        # ongoing trials have estimated future completion dates
        if pcd <= EXPORT_DATE:
            pcd = add_days(EXPORT_DATE, rng.randint(120, 1500))
        if cd < pcd:
            cd = add_days(pcd, rng.choice([0, 180, 365]))
    # last update
    if status == "UNKNOWN":
        lu = clamp(add_days(max(fp, st), rng.randint(200, 2500)), add_days(EXPORT_DATE, -800))
    elif finished:
        lu = clamp(add_days(cd, rng.randint(20, 700)), add_days(EXPORT_DATE, -2))
    else:
        lu = add_days(EXPORT_DATE, -rng.randint(2, 330))
    if lu < fp:
        lu = clamp(add_days(fp, rng.randint(1, 60)), add_days(EXPORT_DATE, -2))
    t["fp"], t["pcd"], t["cd"], t["lu"] = fp, pcd, cd, lu
    # older records and estimated dates more often have month precision
    t["full_start"] = st.year >= 2008 and rng.random() < 0.8 or rng.random() < 0.2
    t["full_pcd"] = rng.random() < (0.7 if pcd.year >= 2010 else 0.3)
    t["full_cd"] = t["full_pcd"] if rng.random() < 0.8 else not t["full_pcd"]


def choose_sponsor(t, rng):
    e = t["entry"]
    if "sp" in e:                     # a few fixed choices so every funder class appears
        return e["sp"]
    reg = e["reg"]
    if t["ind"] == "PED" and reg == "ANY":
        reg = "PED"
    if t["ind"] == "NF1" and reg == "ANY":
        reg = "NF"
    if t["ph"] in ("1", "1/2") and t["ind"] == "AST" and reg in INDUSTRY_BY_REGION and rng.random() < 0.7:
        return rng.choice(INDUSTRY_BY_REGION[reg])
    if t["ph"] in ("1", "1/2") and t["ind"] == "AST" and reg == "ANY":
        return rng.choice(INDUSTRY_BY_REGION["US"] + INDUSTRY_BY_REGION["EU"])
    if t["ph"] in ("3", "2/3", "4") and reg in INDUSTRY_BY_REGION and rng.random() < 0.6:
        return rng.choice(INDUSTRY_BY_REGION[reg])
    return rng.choice(SPONSORS_BY_REGION[reg])


def choose_sites(t, sponsor_key, rng):
    name, ftype, home, sreg, _ = SPONSORS[sponsor_key]
    ph, status = t["ph"], t["status"]
    if status == "WITHDRAWN" and rng.random() < 0.7:
        return []
    n = {"E1": (1, 1), "1": (1, 4), "1/2": (1, 6), "2": (1, 10), "2/3": (8, 20),
         "3": (15, 30), "4": (3, 10), "NA": (1, 2), "-": (1, 5)}[ph]
    n = rng.randint(*n)
    if status == "NOT_YET_RECRUITING":
        n = min(n, 2)
    pool = list(SITES_BY_REGION[sreg])
    if ph in ("3", "2/3") or (ftype in ("INDUSTRY", "NETWORK") and rng.random() < 0.3):
        extra = {"US": ["EU", "OTHER"], "EU": ["US", "OTHER"], "CN": ["JP", "OTHER"],
                 "JP": ["CN", "OTHER"], "USPED": ["OTHER"], "OTHER": ["US"]}[sreg]
        for r in extra:
            pool += SITES_BY_REGION[r]
    chosen = [home] if home else []
    rest = [s for s in pool if s not in chosen]
    rng.shuffle(rest)
    chosen += rest[: max(0, n - len(chosen))]
    # registry lists sites grouped by country, then state, then city
    order = {c: i for i, c in enumerate(["United States", "Canada", "Australia", "China", "Japan",
                                         "South Korea", "Belgium", "France", "Germany",
                                         "Italy", "Netherlands", "Poland", "Spain", "Sweden",
                                         "Switzerland", "United Kingdom"])}
    chosen.sort(key=lambda s: (order[SITES[s][4]], SITES[s][2], SITES[s][1], SITES[s][0]))
    return chosen


def conditions(t, rng):
    ind = t["ind"]
    cs = CONDITION_SETS
    if ind == "STS":
        base = rng.choice(cs["STS_BASE"])
        subs = rng.sample(cs["STS_SUB"], rng.randint(1, 5))
        mp = rng.choice(cs["MPNST"])
        items = [base] + subs
        items.insert(rng.randint(1, len(items)), mp)
        return "|".join(items)
    if ind == "AST":
        base = rng.choice(cs["AST_BASE"])
        subs = rng.sample(cs["AST_SUB"], rng.randint(0, 3))
        mp = rng.choice(cs["MPNST"][:5])
        return "|".join([base] + subs + [mp])
    return rng.choice(cs[ind])


def popkey(t):
    return "LOC" if t["entry"].get("loc") and t["ind"] == "STS" else t["ind"]


def title_for(t, rng, used):
    e = t["entry"]
    if "title" in e:
        return e["title"][t["k"]] if t["k"] < len(e["title"]) else e["title"][0]
    x = e.get("x") or " and ".join(iv_name(iv) for iv in e["ivs"])
    c = e.get("c", "Standard Therapy")
    temps = TITLE_TEMPLATES[t["ph"]]
    cands = [(tm, p) for tm in temps for p in POPULATIONS[popkey(t)]]
    rng.shuffle(cands)
    for tm, p in cands:
        ti = tm.format(x=x, c=c, p=p[0])
        ti = ti[0].upper() + ti[1:]
        if ti not in used:
            t["pop"] = p[1]
            return ti
    raise SystemExit("no unique title for %r" % x)


def summary_for(t, rng):
    e, ph = t["entry"], t["ph"]
    pop = e.get("spop") or t.get("pop") or rng.choice(POPULATIONS[popkey(t)])[1]
    if ph == "-":
        s = ("This observational study follows participants without assigning any treatment. "
             "It describes %s." % e["about"])
        if rng.random() < 0.5:
            s += ("\n\nData are collected from medical records, imaging reports and, where "
                  "participants agree, questionnaires completed at routine clinic visits.")
        return s
    x = e.get("about") or e.get("x") or " and ".join(iv_name(iv) for iv in e["ivs"])
    word = PHASE_WORD[ph]
    goal = t.get("goal") or rng.choice(GOALS[ph])
    if goal.startswith("compare") and not e.get("rand"):
        goal = goal.replace("compare overall survival between the arms", "estimate overall survival")
    if e.get("rand") and goal in ("estimate progression-free survival", "estimate the objective response rate"):
        goal = goal.replace("estimate", "compare") + " between the arms"
    opener = ("This %s trial evaluates %s in patients with %s." % (word, x, pop) if word
              else "This study evaluates %s in patients with %s." % (x, pop))
    parts = [opener]
    mech = mechanism(e["ivs"])
    if mech:
        name, phrase = mech
        parts.append("%s is %s." % (name[0].upper() + name[1:], phrase))
    parts.append("The main goal is to %s." % goal)
    s = " ".join(parts)
    drug_trial = ph not in ("NA", "E1", "4") and e.get("purpose", "TREATMENT") == "TREATMENT"
    style = rng.randrange(6) if drug_trial else rng.choice([0, 0, 5])
    if style == 1:
        s += ("\n\nTreatment is given in 21-day cycles and continues until the disease grows, "
              "side effects become unacceptable, or the participant chooses to stop.")
    elif style == 2 and not e.get("loc"):
        s += ("\n\nParticipants are assigned to one of two cohorts:\n\n"
              "* Cohort A: no prior systemic therapy for advanced disease\n"
              "* Cohort B: one or two prior lines of therapy")
    elif style == 3:
        s += (' The investigators describe this as a "biology-first" design: tumor samples taken '
              "before and during treatment are analysed to understand who benefits.")
    elif style == 4 and ph in ("2", "1/2"):
        s += ("\n\nAfter treatment ends, participants are followed every 3 months for up to 2 years.")
    elif style == 5:
        s += " Participants remain under the care of their usual treating team throughout."
    return s


def outcomes_for(t, rng):
    ph = t["ph"]
    ctcae = "3.0" if t["start"].year < 2010 else ("4.0" if t["start"].year < 2018 else "5.0")
    ae = ("Number of participants with treatment-related adverse events, Graded with NCI CTCAE "
          "version %s, Up to 30 days after the last dose" % ctcae)
    pfs = "Progression-free survival (PFS), Time from enrollment to disease progression or death, Up to 3 years"
    os_ = "Overall survival, Time from enrollment to death from any cause, Up to 5 years"
    orr = ("Objective response rate, Proportion of participants with a complete or partial response "
           "according to RECIST 1.1, Up to 2 years")
    if ph == "-":
        prim = list(t["entry"]["prim"])
        sec = [] if rng.random() < 0.5 else ["Time to progression, Time from diagnosis to first progression, Up to 10 years"]
        return "|".join(prim), "|".join(sec), ""
    if ph == "1":
        prim = ["Maximum tolerated dose (MTD), Highest dose at which fewer than 2 of 6 participants "
                "have a dose-limiting toxicity, Cycle 1 (28 days)"]
        if rng.random() < 0.5:
            prim.append("Incidence of dose-limiting toxicities, Toxicities meeting protocol DLT criteria, Cycle 1 (28 days)")
        sec = [ae, "Maximum plasma concentration (Cmax), Pharmacokinetic sampling, Cycle 1 day 1 and day 15", orr]
    elif ph in ("1/2", "E1"):
        prim = ["Recommended phase II dose, Dose selected after the escalation part, Cycle 1 (21 days)", orr]
        sec = [ae, pfs]
    elif ph == "2":
        prim = [rng.choice([orr, pfs,
                            "Progression-free rate at 12 weeks, Proportion of participants alive and free of progression, 12 weeks"])]
        sec = [ae, os_] + ([pfs] if pfs not in prim else [orr])
    elif ph == "NA":
        ivtypes = " ".join(t["entry"]["ivs"])
        if t["entry"].get("purpose") in ("DIAGNOSTIC", "SCREENING"):
            prim = ["Diagnostic accuracy, Sensitivity and specificity against histology, At the time of biopsy or resection"]
        elif "RADIATION:" in ivtypes or "PROCEDURE:" in ivtypes:
            prim = ["Local control rate, Proportion of participants without local recurrence, 2 years"]
        else:
            prim = ["Feasibility, Proportion of enrolled participants completing the intervention, 6 months"]
        sec = [ae] if rng.random() < 0.5 else []
    else:  # 2/3, 3, 4
        prim = [rng.choice([os_, pfs])] if ph != "4" else [ae]
        sec = [orr, ae, "Quality of life, EORTC QLQ-C30 global health status score, Every 6 weeks up to 1 year"]
        if ph == "4":
            sec = ["Objective response rate, Investigator-assessed response in routine practice, Up to 1 year"]
    if "prim" in t["entry"]:          # designs with their own primary outcome
        prim = list(t["entry"]["prim"])
        sec = [s for s in sec if s != orr] if ph == "E1" else sec
    # the summary states the goal that matches the first primary outcome
    t["goal"] = next((g for key, g in GOAL_BY_OUTCOME if prim[0].startswith(key)), None)
    other = ""
    if rng.random() < 0.12:
        other = "Exploratory biomarkers, Association of tumor genomic alterations with response, Through study completion, an average of 2 years"
    return "|".join(prim), "|".join(sec), other


GOAL_BY_OUTCOME = [
    ("Maximum tolerated dose", "determine the maximum tolerated dose and the recommended phase II dose"),
    ("Recommended phase II dose", "find a safe dose in the first part and estimate the response rate in the second part"),
    ("Change in tumor Ki-67", "measure changes in tumor tissue before and after a short course of treatment"),
    ("Objective response rate", "estimate the objective response rate"),
    ("Progression-free survival", "estimate progression-free survival"),
    ("Progression-free rate", "measure the proportion of patients alive and free of progression at 12 weeks"),
    ("Overall survival", "compare overall survival between the arms"),
    ("Feasibility", "assess whether the intervention can be delivered as planned"),
    ("Local control", "measure local control two years after treatment"),
    ("Change in tumor phospho-ERK", "measure how strongly the drug blocks its target inside the tumor"),
    ("Tumor-to-background", "measure how clearly the tumor can be told apart from normal tissue"),
    ("Tumor-specific T-cell", "measure the immune response induced by the vaccine"),
    ("Diagnostic accuracy", "measure how accurately the test identifies malignant tumors"),
    ("Number of participants with treatment-related", "describe adverse reactions during routine use after approval"),
]


def design_for(t, rng):
    e, ph = t["entry"], t["ph"]
    if ph == "-":
        return "Observational Model: |Time Perspective: p"   # as the current export prints it
    purpose = e.get("purpose", "TREATMENT")
    if ph == "E1":
        purpose = "BASIC_SCIENCE" if rng.random() < 0.5 else purpose
    if e.get("rand"):
        mask = ("QUADRUPLE (PARTICIPANT, CARE_PROVIDER, INVESTIGATOR, OUTCOMES_ASSESSOR)"
                if e.get("blind") else rng.choice(["NONE", "NONE", "SINGLE (OUTCOMES_ASSESSOR)"]))
        return "Allocation: RANDOMIZED|Intervention Model: PARALLEL|Masking: %s|Primary Purpose: %s" % (mask, purpose)
    if ph == "1":
        model = rng.choice(["SEQUENTIAL", "SINGLE_GROUP", "SINGLE_GROUP"])
        alloc = "NA" if model == "SINGLE_GROUP" or rng.random() < 0.5 else "NON_RANDOMIZED"
        return "Allocation: %s|Intervention Model: %s|Masking: NONE|Primary Purpose: %s" % (alloc, model, purpose)
    if ph == "1/2" and rng.random() < 0.4:
        return "Allocation: NON_RANDOMIZED|Intervention Model: PARALLEL|Masking: NONE|Primary Purpose: %s" % purpose
    return "Allocation: NA|Intervention Model: SINGLE_GROUP|Masking: NONE|Primary Purpose: %s" % purpose


def enrollment_for(t, rng):
    if t["status"] == "WITHDRAWN":
        return 0
    lo, hi = {"E1": (8, 30), "1": (12, 60), "1/2": (20, 90), "2": (18, 120), "2/3": (120, 300),
              "3": (180, 650), "4": (100, 400), "NA": (20, 200), "-": (40, 900)}[t["ph"]]
    n = rng.randint(lo, hi)
    if t["status"] == "TERMINATED":
        n = max(1, n // rng.randint(2, 6))
    return n


def other_ids_for(t, sponsor_key, rng):
    prefix = SPONSORS[sponsor_key][4]
    y = t["start"].year
    ids = ["%s-%d-%02d" % (prefix, y if t["ph"] != "-" else y - 1, rng.randint(1, 40))]
    sreg = SPONSORS[sponsor_key][3]
    if sreg == "EU" and t["ph"] not in ("-", "NA") and y >= 2004:
        if y >= 2023:
            ids.append("%d-5%05d-%02d-00" % (y, rng.randint(0, 99999), rng.randint(10, 99)))
        else:
            ids.append("%d-%06d-%02d" % (y - rng.randint(0, 1), rng.randint(0, 999999), rng.randint(10, 99)))
    if SPONSORS[sponsor_key][1] == "NIH":
        ids.append("NITB-%d-%05d" % (max(y, 2000), rng.randint(0, 99999)))
        if rng.random() < 0.6:
            ids.append("U10CA9%05d" % rng.randint(0, 99999))
    if rng.random() < 0.08:
        ids.append("IRB %02d-%04d" % (y % 100, rng.randint(1, 9999)))
    return "|".join(ids)


def age_for(t, rng):
    if t["ind"] == "PED":
        return rng.choice(["CHILD, ADULT", "CHILD, ADULT", "CHILD"])
    if t["ind"] == "NF1":
        return rng.choice(["CHILD, ADULT, OLDER_ADULT", "ADULT, OLDER_ADULT"])
    return "CHILD, ADULT, OLDER_ADULT" if rng.random() < 0.12 else (
        "ADULT" if rng.random() < 0.05 else "ADULT, OLDER_ADULT")


def collaborators_for(t, sponsor_key, rng):
    ftype = SPONSORS[sponsor_key][1]
    if rng.random() > 0.35:
        return ""
    if ftype == "INDUSTRY":
        cands = ["nsc", "tstg", "asrn"]
    elif ftype in ("OTHER", "NETWORK", "INDIV", "OTHER_GOV"):
        cands = ["corvane", "halberd", "aurelian", "jiangnan", "nitb", "nsc", "sarcfund"]
    else:
        cands = ["nsc", "psta", "nfttc", "corvane"]
    cands = [c for c in cands if c != sponsor_key]
    k = 1 if rng.random() < 0.75 else 2
    return "|".join(SPONSORS[c][0] for c in rng.sample(cands, k))


# --------------------------------------------------------------------------
# 6. Main
# --------------------------------------------------------------------------

def generate():
    rng = random.Random(SEED)
    trials = expand_catalogue()
    assign_dates_and_status(trials, rng)
    for t in trials:
        build_dates(t, rng)

    # NCT numbers grow with registration date, with gaps between them
    nct = 99000000
    for t in sorted(trials, key=lambda t: (t["fp"], t["eid"], t["k"])):
        nct += rng.randint(1, 37)
        t["nct"] = "NCT%08d" % nct

    used_titles, used_acr = set(), set()
    rows = []
    for t in trials:
        e = t["entry"]
        t["title"] = title_for(t, rng, used_titles)
        used_titles.add(t["title"])
        sp = choose_sponsor(t, rng)
        sites = choose_sites(t, sp, rng)
        prim, sec, oth = outcomes_for(t, rng)
        status = t["status"]
        has_results = (status in ("COMPLETED", "TERMINATED") and t["ph"] not in ("-", "E1")
                       and 2009 <= t["pcd"].year <= 2023
                       and rng.random() < (0.6 if SPONSORS[sp][1] in ("NIH", "INDUSTRY", "NETWORK") else 0.2))
        rfp = ""
        if has_results:
            rfp = fmt_date(clamp(add_days(t["pcd"], rng.randint(300, 700)), add_days(EXPORT_DATE, -5)))
            if rfp > t["lu"].isoformat():
                t["lu"] = add_days(dt.date.fromisoformat(rfp), rng.randint(0, 30))
                t["lu"] = clamp(t["lu"], add_days(EXPORT_DATE, -2))
        docs = ""
        if has_results and rng.random() < 0.35:
            tail = t["nct"][-2:]
            docs = ("Study Protocol and Statistical Analysis Plan, "
                    "https://cdn.clinicaltrials.gov/large-docs/%s/%s/Prot_SAP_000.pdf" % (tail, t["nct"]))
        acronym = ""
        if rng.random() < 0.3:
            word = rng.choice(ACRONYM_WORDS)
            suffix = rng.choice(["", "-1", "-2", {"STS": "-STS", "MPN": "-MPNST", "NF1": "-NF1",
                                                  "PED": "-PED", "AST": "-ST"}.get(t["ind"], "")])
            acronym = word + suffix
            while acronym in used_acr:
                acronym = word + "-%d" % rng.randint(3, 9)
            used_acr.add(acronym)
        row = {
            "NCT Number": t["nct"],
            "Study Title": t["title"],
            "Study URL": "https://clinicaltrials.gov/study/" + t["nct"],
            "Acronym": acronym,
            "Study Status": status,
            "Brief Summary": summary_for(t, rng),
            "Study Results": "YES" if has_results else "NO",
            "Conditions": conditions(t, rng),
            "Interventions": "|".join(e["ivs"]),
            "Primary Outcome Measures": prim,
            "Secondary Outcome Measures": sec,
            "Other Outcome Measures": oth,
            "Sponsor": SPONSORS[sp][0],
            "Collaborators": collaborators_for(t, sp, rng),
            "Sex": "ALL",
            "Age": age_for(t, rng),
            "Phases": PHASE_CODE[t["ph"]],
            "Enrollment": str(enrollment_for(t, rng)),
            "Funder Type": SPONSORS[sp][1],
            "Study Type": "OBSERVATIONAL" if t["ph"] == "-" else "INTERVENTIONAL",
            "Study Design": design_for(t, rng),
            "Other IDs": other_ids_for(t, sp, rng),
            "Start Date": fmt_date(t["start"], t["full_start"]),
            "Primary Completion Date": fmt_date(t["pcd"], t["full_pcd"]),
            "Completion Date": fmt_date(t["cd"], t["full_cd"]),
            "First Posted": fmt_date(t["fp"]),
            "Results First Posted": rfp,
            "Last Update Posted": fmt_date(t["lu"]),
            "Locations": "|".join(location(s) for s in sites),
            "Study Documents": docs,
        }
        rows.append(row)

    # A few registry quirks, placed deterministically.
    # 1. one summary with the markdown escape the registry adds before '>'
    rows[7]["Brief Summary"] += " Eligible participants are aged 12 years or older (body weight \\>= 40 kg)."
    # 2. one enrollment left empty (withdrawn records sometimes carry none)
    for r in rows:
        if r["Study Status"] == "WITHDRAWN" and not r["Locations"]:
            r["Enrollment"] = ""
            break

    # The export's default order is by relevance, which looks arbitrary.
    rng.shuffle(rows)
    check(trials, rows)
    return rows


def check(trials, rows):
    """Fail loudly if the catalogue drifts from the intended shape."""
    from collections import Counter
    ph = Counter(t["ph"] for t in trials)
    ind = Counter(t["ind"] for t in trials)
    assert dict(ph) == TARGET_PHASES, ("phase counts", dict(ph))
    assert dict(ind) == TARGET_INDICATIONS, ("indication counts", dict(ind))
    assert len({r["NCT Number"] for r in rows}) == len(rows)
    assert len({r["Study Title"] for r in rows}) == len(rows)
    for r in rows:
        for k in ("First Posted", "Last Update Posted", "Results First Posted"):
            assert r[k] == "" or r[k] <= EXPORT_DATE.isoformat(), (r["NCT Number"], k, r[k])
        assert r["Last Update Posted"] >= r["First Posted"], r["NCT Number"]
    for t in trials:
        assert t["start"] <= t["pcd"] <= t["cd"], t["nct"]
        if t["status"] in ("COMPLETED", "TERMINATED", "WITHDRAWN", "UNKNOWN"):
            assert t["cd"] <= EXPORT_DATE, t["nct"]
        else:
            assert t["pcd"] > EXPORT_DATE, t["nct"]


def write_csv(rows, path):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=HEADER, lineterminator="\r\n",
                           quoting=csv.QUOTE_MINIMAL)
        w.writeheader()
        w.writerows(rows)


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    out = argv[1] if len(argv) > 1 else os.path.join(here, "mpnst-ctg-studies.csv")
    rows = generate()
    write_csv(rows, out)
    print("wrote %d trials to %s" % (len(rows), out))


if __name__ == "__main__":
    main(sys.argv)
