"""GBVIMS (Incident Recorder) codes for Amparo's vocabularies, where they differ."""

from amparo.cases import vocab

ABDUCTION_STATUS: dict[str, str] = {
    vocab.AbductionStatus.NONE: "none",
    vocab.AbductionStatus.FORCED_CONSCRIPTION: "forced_conscription",
    vocab.AbductionStatus.TRAFFICKED: "trafficked",
    vocab.AbductionStatus.OTHER: "other_abduction_kidnapping",
}
