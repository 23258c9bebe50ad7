"""Obviously fictional people, places and words for the demo.

Every name part is invented ("Demofila", "Ejemplar"), phone numbers sit in
the unused +502 0xxx range and ID numbers start with DEMO-, so nobody can
mistake the demo for real data, or a real person for a demo one.
"""

import random

from amparo.cases.places import GT_DEPARTMENTS

GIVEN_FEMALE = (
    "Demofila",
    "Ejemplina",
    "Simulada",
    "Inventina",
    "Prueblina",
    "Ficcia",
    "Modelina",
    "Ensayada",
    "Borradora",
    "Maquetina",
    "Fabulina",
    "Quimerina",
    "Muestrita",
    "Probetina",
    "Bocetina",
    "Esbozada",
    "Ilusoria",
    "Imaginaria",
    "Supuesta",
    "Hipotética",
)
GIVEN_MALE = (
    "Demofilo",
    "Ejemplino",
    "Simulado",
    "Inventino",
    "Prueblino",
    "Modelino",
    "Ensayado",
    "Bocetino",
    "Esbozado",
    "Supuesto",
)
FAMILY = (
    "Ejemplar",
    "Maqueta",
    "Simulacro",
    "Prototipo",
    "Muestrario",
    "Borrador",
    "Boceto",
    "Esbozo",
    "Ensayo",
    "Probeta",
    "Plantilla",
    "Figurante",
    "Ficcional",
    "Inventario",
    "Quimera",
    "Utopía",
)
PSEUDONYM_WORDS = (
    "Colibrí",
    "Mariposa",
    "Quetzal",
    "Ceiba",
    "Orquídea",
    "Luciérnaga",
    "Golondrina",
    "Jacaranda",
    "Girasol",
    "Tucán",
    "Garza",
    "Estrella",
    "Luna",
    "Brisa",
    "Palmera",
    "Azucena",
)
# Staff names: a given name and a family name, each pair used once across the demo, so
# no two demo accounts share a name. No role in the name: the header shows the role,
# in the reader's language.
STAFF_GIVEN = (
    "Carmen",
    "Lucía",
    "Rosa",
    "Elena",
    "Ana",
    "Marta",
    "Julia",
    "Sofía",
    "Teresa",
    "Inés",
    "Pablo",
    "Diego",
)
STAFF_FAMILY = (
    "Demo",
    "Prueba",
    "Ensayo",
    "Muestra",
    "Ejemplo",
    "Ficción",
    "Modelo",
    "Boceto",
    "Plantilla",
    "Prototipo",
)


def staff_name(n: int) -> str:
    """The ``n``-th staff name (from 0): distinct for the first 36, the demo's staff."""
    block, given = divmod(n, len(STAFF_GIVEN))
    return f"{STAFF_GIVEN[given]} {STAFF_FAMILY[(given + 3 * block) % len(STAFF_FAMILY)]}"


# Busier departments come first and weigh more, as in reported caseloads.
DEPARTMENT_WEIGHTS = {
    "Guatemala": 20,
    "Escuintla": 9,
    "Quetzaltenango": 8,
    "Huehuetenango": 6,
    "Petén": 6,
    "Izabal": 6,
    "Alta Verapaz": 6,
    "San Marcos": 5,
    "Chimaltenango": 4,
    "Retalhuleu": 4,
    "Suchitepéquez": 4,
    "Sacatepéquez": 3,
    "Quiché": 3,
    "Jutiapa": 3,
}
DEPARTMENTS = tuple(GT_DEPARTMENTS)
MUNICIPALITIES = {
    "Guatemala": ("Guatemala", "Mixco", "Villa Nueva", "San Miguel Petapa"),
    "Escuintla": ("Escuintla", "Puerto San José", "Santa Lucía Cotzumalguapa"),
    "Quetzaltenango": ("Quetzaltenango", "Coatepeque", "Salcajá"),
    "Huehuetenango": ("Huehuetenango", "La Mesilla", "Chiantla"),
    "Petén": ("Flores", "San Benito", "Sayaxché"),
    "Izabal": ("Puerto Barrios", "Livingston", "Morales"),
    "Alta Verapaz": ("Cobán", "San Pedro Carchá", "Chisec"),
    "San Marcos": ("San Marcos", "Tecún Umán", "Malacatán"),
}
AGENCIES = ("PNC", "MP — Fiscalía contra la Trata", "PGN", "SVET", "DIDAE")
OPERATION_NAMES = (
    "Amanecer",
    "Faro",
    "Puente",
    "Refugio",
    "Horizonte",
    "Semilla",
    "Raíz",
    "Camino",
    "Alba",
    "Aurora",
)

# What staff write, in the working language of their organisation (``teams.ORGANISATIONS``):
# an English-speaking team's notes are English, a Spanish-speaking team's Spanish. Each
# pool is as long in both languages (and as the one pool it replaced), so the seed draws
# the same random numbers and has the same shape whatever language a team writes in.
NOTES = {
    "en": (
        "Home visit done; the survivor is calm and attending school again.",
        "Accompanied the survivor to the forensic medical exam (INACIF).",
        "Safety plan reviewed with the caregiver. No contact from the aggressor.",
        "Referred to psychological support; first session next week.",
        "Court hearing postponed; the survivor was informed by phone.",
        "Survivor asked about vocational training; options shared.",
        "Family visit held; the mother agrees to the safety plan.",
        "Accompanied the survivor to her first statement in the Gesell chamber.",
        "Coordinated the protection order with the PGN.",
        "Follow-up session: she reports better sleep and less anxiety.",
        "Hygiene kit delivered; transport arranged for the medical appointment.",
        "Called the school: attendance is regular this month.",
    ),
    "es": (
        "Visita domiciliar realizada; la sobreviviente se encuentra estable.",
        "Se acompañó a la audiencia de primera declaración en cámara Gesell.",
        "Plan de seguridad revisado con la madre. Sin contacto del agresor.",
        "Se coordinó con la PGN la medida de protección.",
        "Sesión de seguimiento: refiere mejor sueño y menos ansiedad.",
        "Se entregó kit de higiene y se gestionó transporte para la cita médica.",
        "Se acompañó a la sobreviviente al examen médico forense (INACIF).",
        "Audiencia reprogramada; se informó a la sobreviviente por teléfono.",
        "Se refirió a apoyo psicológico; primera sesión la próxima semana.",
        "La sobreviviente preguntó por formación técnica; se compartieron opciones.",
        "Llamada a la escuela: asiste con regularidad este mes.",
        "Visita de seguimiento: la familia mantiene las medidas acordadas.",
    ),
}
DESCRIPTIONS = {
    "en": (
        "Fictional demo account: recruited with a false job offer and held in a bar.",
        "Fictional demo account: abuse by a person close to the family, disclosed at school.",
        "Fictional demo account: controlled through debt and threats against her family.",
        "Fictional demo account: recruited on social media with the promise of a job.",
        "Fictional demo account: assault at home, reported by her mother.",
        "Fictional demo account: made to work unpaid in a private household.",
    ),
    "es": (
        "Relato ficticio de demostración: captada por redes sociales con promesa de trabajo.",
        "Relato ficticio de demostración: agresión en el hogar, denunciada por la madre.",
        "Relato ficticio de demostración: obligada a trabajar sin pago en casa particular.",
        "Relato ficticio de demostración: captada con una oferta de trabajo falsa y retenida en un bar.",
        "Relato ficticio de demostración: abuso por una persona cercana a la familia, revelado en la escuela.",
        "Relato ficticio de demostración: controlada con deudas y amenazas contra su familia.",
    ),
}
FLAG_NOTES = {
    "en": (
        "Fictional: aggressor seen near the school.",
        "Fictional: threatening messages to the family.",
        "Fictional: possible new contact from the recruiter.",
    ),
    "es": (
        "Ficticio: agresor visto cerca de la escuela.",
        "Ficticio: amenazas por mensaje a la familia.",
        "Ficticio: posible nuevo contacto con el reclutador.",
    ),
}
FAMILY_NOTES = {
    "en": (
        "Safe contact for visits.",
        "Safe contact; lives in the same village.",
        "Do not share the survivor's whereabouts.",
        "",
    ),
    "es": (
        "Contacto seguro para las visitas.",
        "Contacto seguro; vive en la misma aldea.",
        "No compartir el paradero de la sobreviviente.",
        "",
    ),
}
PERPETRATOR_NOTE = {
    "en": "Alleged perpetrator — do not contact. Do not share the survivor's whereabouts.",
    "es": "Presunto agresor — no contactar. No compartir el paradero de la sobreviviente.",
}


def weighted_department(rng: random.Random) -> str:
    names = list(DEPARTMENTS)
    weights = [DEPARTMENT_WEIGHTS.get(name, 1) for name in names]
    return rng.choices(names, weights)[0]


def municipality(rng: random.Random, department: str) -> str:
    options = MUNICIPALITIES.get(department)
    return rng.choice(options) if options else ""


def person_name(rng: random.Random, *, female: bool) -> tuple[str, str]:
    given = rng.sample(GIVEN_FEMALE if female else GIVEN_MALE, 2)
    family = rng.sample(FAMILY, 2)
    return " ".join(given), " ".join(family)


def fake_phone(number: int) -> str:
    """+502 0xxx xxxx: Guatemalan numbers never start with 0, so none is real."""
    return f"+502 0{number // 10000:03d} {number % 10000:04d}"


def fake_national_id(number: int, rng: random.Random) -> str:
    return f"DEMO-{number:05d}-{rng.randint(1000, 9999)}"


def fake_address(rng: random.Random, department: str) -> str:
    town = municipality(rng, department) or department
    return f"Calle Ficticia {rng.randint(1, 40)}-{rng.randint(1, 99)}, Zona {rng.randint(1, 18)}, {town}"
