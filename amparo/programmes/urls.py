from django.urls import path

from amparo.core.routes import SIGNED_IN
from amparo.programmes.views import programmes

urlpatterns = [
    path("programmes/", programmes.programme_list, name="programme_list"),
]

ROUTE_ACCESS = {
    "programme_list": SIGNED_IN,
}
