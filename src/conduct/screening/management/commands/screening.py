"""`conduct screening train|evaluate`: build the screening model and reproduce its model card."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from conduct.screening.engine import classifier, evaluation, training
from conduct.screening.engine.api import Screener


class Command(BaseCommand):
    help = "Train the screening model, or evaluate it on the held-out splits (model card figures)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        train = sub.add_parser("train", help="train on the shared datasets and save the model")
        train.add_argument(
            "--data-dir", type=Path, help="default: $CONDUCT_TRAINING_DATA or ../shared/data"
        )
        train.add_argument(
            "--output", type=Path, default=classifier.DEFAULT_PATH, help="model file to write"
        )
        train.add_argument("--seed", type=int, default=training.SEED)
        evaluate = sub.add_parser(
            "evaluate", help="per-dataset metrics on held-out splits, and the functional suite"
        )
        evaluate.add_argument(
            "--data-dir", type=Path, help="default: $CONDUCT_TRAINING_DATA or ../shared/data"
        )
        evaluate.add_argument(
            "--model", type=Path, default=classifier.DEFAULT_PATH, help="model file to evaluate"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        root = options["data_dir"] or training.data_dir()
        if not root.is_dir():
            raise CommandError(
                f"no training data at {root} (set CONDUCT_TRAINING_DATA or --data-dir)"
            )
        if options["action"] == "train":
            clf = evaluation.train_model(root, seed=options["seed"])
            classifier.save(clf, options["output"])
            self.stdout.write(f"saved {clf.name} {clf.version} to {options['output']}")
            self.stdout.write(f"rows: {clf.metadata['rows']}")
            return
        try:
            clf = classifier.load(options["model"])
        except classifier.ModelFileError as exc:
            raise CommandError(str(exc)) from exc
        screener = Screener(clf)
        self.stdout.write(f"model {clf.name} {clf.version}; thresholds {screener.thresholds}\n")
        self.stdout.write("Held-out validation split (20% of each dataset, by text hash):\n")
        self.stdout.write(evaluation.metrics_table(evaluation.evaluate(root, screener)))
        self.stdout.write("\nFunctional and bias suite:\n")
        self.stdout.write(evaluation.suite_table(screener))
