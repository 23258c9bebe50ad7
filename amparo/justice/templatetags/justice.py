from django import template

from amparo.justice import vocab

register = template.Library()


@register.filter
def stage_label(stage: str | None) -> str:
    """The translated name of a stage value."""
    return str(dict(vocab.Stage.choices).get(stage, "")) if stage else ""


@register.filter
def reached_stages(legal_case: object) -> list[tuple[str, object]]:
    """(label, date) of each stage a legal case has reached, in procedural order."""
    labels = dict(vocab.Stage.choices)
    return [
        (str(labels[stage]), day)
        for stage in vocab.STAGE_ORDER
        if (day := getattr(legal_case, f"{stage}_on", None))
    ]
