"""Background work of the exchange (huey; inline when AMPARO_TASKS_IMMEDIATE).

Each task takes a job id and calls its service, which is idempotent: a task
run twice, or after the job moved on, changes nothing.
"""

from huey.contrib.djhuey import db_task

from amparo.exchange.services.imports import import_check, import_run


@db_task(retries=2, retry_delay=30)
def check_import(job_id: int) -> str:
    return import_check(job_id=job_id).status


@db_task(retries=2, retry_delay=30)
def run_import(job_id: int) -> str:
    return import_run(job_id=job_id).status
