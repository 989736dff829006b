"""Stable keys for questions, options and matrix rows.

Answers are stored under keys, never under wording or position, so a coordinator
can fix a typo, reword or reorder after answers exist without moving a single
answer to another question or option (the trap of Wagtail's form builder, whose
field names come from the label, wagtail#8200).
"""

import hashlib
import secrets


def new_key():
    """A question's key: short, random, fixed for the question's life."""
    return secrets.token_hex(4)


def lines(text):
    """The non-empty lines of a textarea, stripped, duplicates dropped."""
    seen, result = set(), []
    for line in (text or "").splitlines():
        line = line.strip()
        if line and line.casefold() not in seen:
            seen.add(line.casefold())
            result.append(line)
    return result


def _key_for(label, taken):
    base = hashlib.sha1(label.casefold().encode()).hexdigest()[:6]
    key, suffix = base, 1
    while key in taken:
        suffix += 1
        key = f"{base}{suffix}"
    return key


def carry(previous, labels):
    """Give each of `labels` a key, keeping the keys of `previous` [(key, label)] wherever an option survives.

    An option keeps its key when its text is unchanged, wherever it moved; a
    changed text in the same place as a changed old one is a rewording and keeps
    that key. Anything else is a new option with a new key: a removed option's
    answers are never handed to another.
    """
    previous = [(key, label) for key, label in previous or []]
    by_text = {label.casefold(): key for key, label in previous}
    result = [by_text.get(label.casefold()) for label in labels]
    used = {key for key in result if key}
    taken = {key for key, _label in previous}
    for index, label in enumerate(labels):
        if result[index] is not None:
            continue
        if index < len(previous) and previous[index][0] not in used:
            result[index] = previous[index][0]
        else:
            result[index] = _key_for(label, taken)
            taken.add(result[index])
        used.add(result[index])
    return list(zip(result, labels, strict=True))
