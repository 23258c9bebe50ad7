"""CTDC (Counter Trafficking Data Collaborative) codes for Amparo's vocabularies."""

from amparo.core.age import CtdcAgeBand

# CTDC writes its ranges with a double hyphen; "unknown" is left empty there.
AGE_BROAD: dict[str, str] = {
    CtdcAgeBand.A0_8: "0--8",
    CtdcAgeBand.A9_17: "9--17",
    CtdcAgeBand.A18_20: "18--20",
    CtdcAgeBand.A21_23: "21--23",
    CtdcAgeBand.A24_26: "24--26",
    CtdcAgeBand.A27_29: "27--29",
    CtdcAgeBand.A30_38: "30--38",
    CtdcAgeBand.A39_47: "39--47",
    CtdcAgeBand.A48: "48+",
}
