"""The programmes' vocabularies: one source of truth each, labels translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Wave(models.TextChoices):
    """Which wave of a prevalence study: the first measurement, or a later one to compare."""

    BASELINE = "baseline", _("Baseline")
    MIDLINE = "midline", _("Midline")
    ENDLINE = "endline", _("Endline")


class StudyMethod(models.TextChoices):
    HOUSEHOLD_SURVEY = "household", _("Household survey")
    VICTIM_SURVEY = "victim", _("Victimisation survey")
    RDS = "rds", _("Respondent-driven sampling")
    CAPTURE_RECAPTURE = "recapture", _("Capture–recapture")
    INCIDENCE_SAMPLING = "incidence", _("Incident sampling of commercial sex venues")
    OTHER = "other", _("Other")


class SurveyItem(models.TextChoices):
    """Confidence and reliance items; each is also an indicator (``indicators.py``)."""

    WOULD_REPORT_POLICE = "would_report_police", _("Would report violence to the police")
    CONFIDENCE_JUSTICE = "confidence_justice", _("Confident the justice system would help")
    # SDG 16.3.1: victims of violence in the previous 12 months who reported it to
    # competent authorities or other officially recognised conflict-resolution mechanisms.
    REPORTED_TO_AUTHORITIES = "sdg_16_3_1", _("Victims who reported to competent authorities")


class Institution(models.TextChoices):
    POLICE = "police", _("Police")
    PROSECUTION = "prosecution", _("Public prosecutor")
    JUDICIARY = "judiciary", _("Judiciary")
    FORENSICS = "forensics", _("Forensic services")
    VICTIM_SERVICES = "victim_services", _("Government victim services")
    PARTNER_NGO = "partner", _("Partner organisation")
    OTHER = "other", _("Other")


class TrainingTopic(models.TextChoices):
    TRAUMA_INFORMED = "trauma", _("Trauma-informed practice")
    VICTIM_FRIENDLY_TESTIMONY = "testimony", _("Victim-friendly testimony")
    INVESTIGATION = "investigation", _("Investigation of sexual violence and trafficking")
    PROSECUTION = "prosecution", _("Prosecution and case preparation")
    CASE_MANAGEMENT = "case_management", _("Case management and restoration")
    OTHER = "other", _("Other")


class ReleaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    # A draft nobody will approve is set aside, never deleted.
    DISCARDED = "discarded", _("Discarded")


class Breakdown(models.TextChoices):
    NONE = "none", _("Programme total only")
    DEPARTMENT = "department", _("By department")


class PeriodSplit(models.TextChoices):
    WHOLE = "whole", _("One period")
    YEAR = "year", _("By calendar year")


class GoalStatus(models.TextChoices):
    MET = "met", _("Target met")
    ON_TRACK = "on_track", _("On track")
    OFF_TRACK = "off_track", _("Off track")
    NO_DATA = "no_data", _("Not enough data")


class Direction(models.TextChoices):
    """Which way is better for an indicator: goals read progress with it."""

    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")
