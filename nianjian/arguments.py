"""argparse in Chinese, for every command a person runs: `nianjian` (edit/cli.py), `python -m
nianjian.web.publish` (make build, the publish workflow) and `python -m nianjian.paper.pdf` (make pdf).
Whoever mistypes one of them reads the usage, the help and the complaint in Chinese, as every
other message of the project; plain argparse would answer in English."""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn


class _ChineseHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # noqa: ANN001 (argparse's signature)
        # prefix "" is argparse working out a subcommand's name, not a usage line
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


# argparse's own messages, in Chinese: the reader sees these when a command is mistyped.
_ARGPARSE_MESSAGES = [
    (re.compile(r"^the following arguments are required: (.+)$"), "缺少参数：{0}"),
    (re.compile(r"^argument (.+?): invalid int value: (.+)$"), "{0} 应为整数（如 2025），写的是 {1}"),
    (re.compile(r"^argument (.+?): invalid choice: (.+?) \(choose from (.+)\)$"), "{0} 不能是 {1}，可选：{2}"),
    (re.compile(r"^argument (.+?): expected one argument$"), "{0} 后面要写一个值"),
    (re.compile(r"^argument (.+?): ignored explicit argument (.+)$"), "{0} 后面不能写值，写的是 {1}"),
    (re.compile(r"^ambiguous option: (.+?) could match (.+)$"), "{0} 可能是 {1} 中的任何一个，请写完整"),
    (re.compile(r"^unrecognized arguments: (.+)$"), "不认识的参数：{0}"),
    (re.compile(r"^argument (.+?): (.+)$"), "{0}：{1}"),
]


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with its headings, help and error messages in Chinese (subcommands too). Give
    every argument a Chinese `help` and, when it takes a value, a Chinese `metavar`: argparse
    would otherwise show the option's English name in capitals."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 (passed on to argparse)
        super().__init__(*args, **{**kwargs, "add_help": False, "formatter_class": _ChineseHelp})
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示这段说明")

    def error(self, message: str) -> NoReturn:
        for pattern, chinese in _ARGPARSE_MESSAGES:
            if found := pattern.match(message):
                message = chinese.format(*found.groups())
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：{message}（{self.prog} -h 查看用法）\n")
