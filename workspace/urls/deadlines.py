from django.urls import path

from workspace.views import deadlines as views

app_name = "deadlines"
urlpatterns = [
    path("", views.home, name="dashboard"),
    path("deadlines/", views.deadline_list, name="list"),
    path("deadlines/<int:pk>/", views.detail, name="detail"),
    path("deadlines/<int:pk>/waive", views.waive, name="waive"),
    path("deadlines/<int:pk>/watch", views.watch, name="watch"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read", views.mark_read, name="mark-read"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/new", views.calendar_issue, name="calendar-issue"),
    path("calendar/revoke", views.calendar_revoke, name="calendar-revoke"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
    path("matters/request/<int:pk>.ics", views.matter_calendar, name="matter-calendar"),
]
