"""What apps built on restoration add to it, registered in their ``AppConfig.ready()``.

``task_created``: what follows a decision being asked of someone (network: a
notification of the approval waiting). Called with each new ``Task`` inside
the transaction of the service that asked, so a rolled-back request tells no one.

``work_overdue``: what follows the daily finding that a worker has overdue
items (network: one notification a day). Called as ``hook(user, count, today)``
by ``overdue_digests_send`` for every active worker with overdue work, whether
or not they have an e-mail address.
"""

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING

from amparo.accounts.models import User
from amparo.core.hooks import Hooks

if TYPE_CHECKING:
    from amparo.aftercare.models import Task

task_created: Hooks[Callable[["Task"], None]] = Hooks("task created")
work_overdue: Hooks[Callable[[User, int, datetime.date], None]] = Hooks("work overdue")
