"""The suggestion list's filter bar reads nothing itself: the list screen gives it the category
and campaign choices, and gives them again when a sync brings HQ's new lists (before, a
campaign HQ sent after the window opened could not be chosen until the next login)."""

from __future__ import annotations

from station_app.services.hq_updates import apply_list
from tests.station_app.test_campaigns import campaign
from ui.context import AppContext, Change
from ui.screens.suggestion_list import SuggestionListScreen


def test_campaigns_from_a_later_sync_reach_the_filter(qtbot, ctx: AppContext) -> None:
    screen = SuggestionListScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    bar = screen.filter_bar
    qtbot.waitUntil(lambda: bar.category.count() > 1)  # the seed categories, from the screen
    assert bar.campaign.isHidden()  # no campaign yet: nothing to choose

    apply_list(ctx.station, "campaigns", 1, [campaign("C15")])
    ctx.notifier.announce(Change.SYNC)
    qtbot.waitUntil(lambda: bar.campaign.findData("C15") >= 0)
    assert not bar.campaign.isHidden()
    bar.campaign.setCurrentIndex(bar.campaign.findData("C15"))
    assert bar.filters().campaign_code == "C15"

    later = campaign("C16", title="加装电梯意见征集", questions=[])
    apply_list(ctx.station, "campaigns", 2, [campaign("C15"), later])
    ctx.notifier.announce(Change.SYNC)
    qtbot.waitUntil(lambda: bar.campaign.findData("C16") >= 0)
    assert bar.campaign.itemText(bar.campaign.findData("C16")) == "加装电梯意见征集"
    assert bar.filters().campaign_code == "C15"  # what was chosen stays chosen
    assert [bar.campaign.itemData(i) for i in range(bar.campaign.count())] == [None, "C15", "C16"]
