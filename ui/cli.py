"""Adds the `gui` subcommand to station-app (the default when no command is given)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("gui", parents=[common], help="start the window (default)")
    p.add_argument("--font-scale", type=float, default=None, help="e.g. 1.25 for larger text")
    p.set_defaults(func=run_gui)


def run_gui(args: argparse.Namespace) -> int:
    from ui.app import run

    return run(args)
