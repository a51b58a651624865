"""`conduct screening train|evaluate`: build the screening model and reproduce its model card."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from dataclasses import replace
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from conduct.screening.engine import classifier, evaluation, second_stage, staged, training
from conduct.screening.engine.api import Screener


def _cap(value: str) -> int | None:
    if value.lower() in ("none", "all", "0"):
        return None
    n = int(value)
    if n < 0:
        raise ValueError(value)
    return n


class Command(BaseCommand):
    help = (
        "Train the screening model, or evaluate it: the functional suite, and with "
        "--cross-dataset the leave-one-dataset-out figures of the model card."
    )

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
        train.add_argument(
            "--flag",
            type=float,
            default=evaluation.FLAG,
            help="flag threshold stored in the model (chosen with evaluate --cross-dataset)",
        )
        train.add_argument(
            "--category",
            type=float,
            default=evaluation.CATEGORY,
            help="bar at which a flagged message also names a threat, identity or sexual kind",
        )
        train.add_argument(
            "--second-stage",
            action="store_true",
            help="also train the second stage's head (sentence encoder; cached embeddings)",
        )
        evaluate = sub.add_parser(
            "evaluate", help="the functional suite; --cross-dataset: leave one dataset out"
        )
        evaluate.add_argument(
            "--data-dir", type=Path, help="default: $CONDUCT_TRAINING_DATA or ../shared/data"
        )
        evaluate.add_argument(
            "--model", type=Path, default=classifier.DEFAULT_PATH, help="model file to evaluate"
        )
        evaluate.add_argument(
            "--cross-dataset",
            action="store_true",
            help="for every dataset: train on the others, screen the one left out",
        )
        evaluate.add_argument(
            "--cap",
            type=_cap,
            default=evaluation.CROSS_CAP,
            help=f"rows per dataset, a seeded sample (default {evaluation.CROSS_CAP}; 'all')",
        )
        evaluate.add_argument("--seed", type=int, default=training.SEED)
        evaluate.add_argument(
            "--second-stage",
            action="store_true",
            help=f"also the screener with its second stage (model card: --cap {staged.STAGE_CAP})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        root = options["data_dir"] or training.data_dir()
        if not root.is_dir():
            raise CommandError(
                f"no training data at {root} (set CONDUCT_TRAINING_DATA or --data-dir)"
            )
        missing = [rel for s in training.DATASETS for rel in s.files if not (root / rel).is_file()]
        if missing:
            raise CommandError(f"{root}: missing data files: {', '.join(missing)}")
        if options["action"] == "train":
            started = time.process_time()
            clf = evaluation.train_model(
                root, seed=options["seed"], flag=options["flag"], category=options["category"]
            )
            classifier.save(clf, options["output"])
            self.stdout.write(f"saved {clf.name} {clf.version} to {options['output']}")
            self.stdout.write(f"units: {clf.metadata['units']}")
            if options["second_stage"]:
                head = staged.train_head(root, seed=options["seed"], progress=self.stderr.write)
                if head is None:
                    raise CommandError("the sentence encoder is not installed: make install")
                second_stage.save(head)
                self.stdout.write(f"saved the second stage's head to {second_stage.DEFAULT_PATH}")
            self.stdout.write(f"CPU time: {time.process_time() - started:.0f} s")
            return
        if options["cross_dataset"]:
            self._cross_dataset(root, options)
            return
        try:
            clf = classifier.load(options["model"])
        except classifier.ModelFileError as exc:
            raise CommandError(str(exc)) from exc
        screener = Screener(clf)
        self.stdout.write(f"model {clf.name} {clf.version}; thresholds {screener.thresholds}\n")
        self.stdout.write("Functional and bias suite:\n")
        self.stdout.write(evaluation.suite_table(screener))

    def _cross_dataset(self, root: Path, options: dict[str, Any]) -> None:
        started = time.process_time()
        cap = options["cap"]
        self.stdout.write(
            f"Leave one dataset out ({'all rows' if cap is None else f'at most {cap} rows'} "
            f"per dataset, seed {options['seed']}); scored against each dataset's own label:"
        )
        try:
            folds = evaluation.cross_dataset(
                root,
                cap=cap,
                seed=options["seed"],
                progress=lambda name: self.stderr.write(f"  {name}"),
                second_stage=options["second_stage"],
            )
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        flag = evaluation.choose_flag(folds)
        self.stdout.write(f"\nFlag threshold chosen: {flag:.3f} (best mean macro-F1 with false")
        self.stdout.write(
            f"alarms on held-out email <= {evaluation.MAX_EMAIL_FALSE_ALARMS:.0%}); "
            f"the model ships with {evaluation.FLAG:.3f}, kinds named at "
            f"{evaluation.CATEGORY:.3f}.\n"
        )
        self.stdout.write(evaluation.cross_table(folds, evaluation.FLAG, evaluation.CATEGORY))
        self.stdout.write("\nNaming threats (datasets with a threat label):\n")
        self.stdout.write(evaluation.category_table(folds, evaluation.FLAG))
        self.stdout.write("\nThreshold sweep:\n")
        self.stdout.write(evaluation.sweep_table(folds))
        if options["second_stage"]:
            self.stdout.write("\nWith the second stage:\n")
            self.stdout.write(staged.comparison_table(folds))
            staged_folds = [
                replace(f, scores=f.second_stage_scores)
                for f in folds
                if f.second_stage_scores is not None
            ]
            self.stdout.write("\nThreshold sweep with the second stage:\n")
            self.stdout.write(evaluation.sweep_table(staged_folds))
        self.stdout.write(f"\nCPU time: {time.process_time() - started:.0f} s")
