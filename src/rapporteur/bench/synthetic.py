"""Seeded synthetic content: meetings of any size, and compilations drawing on them.

Texts mix Chinese and English (document symbols and figures in Chinese text, Chinese
terms in English text), with footnotes and nested items, so every path of the
pipeline is exercised. The same seed always gives the same files.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from ruamel.yaml import YAML

EN_WORDS = [
    "Member",
    "States",
    "should",
    "strengthen",
    "cooperation",
    "capacity",
    "evidence",
    "electronic",
    "investigations",
    "legislation",
    "frameworks",
    "criminal",
    "justice",
    "prevention",
    "data",
    "providers",
    "jurisdiction",
    "assistance",
    "training",
    "safeguards",
    "human",
    "rights",
    "effective",
    "national",
    "international",
    "cybercrime",
    "offences",
    "procedures",
    "victims",
    "networks",
]
ZH_WORDS = [
    "会员国",
    "应当",
    "加强",
    "合作",
    "能力",
    "电子",
    "证据",
    "调查",
    "立法",
    "框架",
    "刑事",
    "司法",
    "预防",
    "数据",
    "服务",
    "提供商",
    "管辖权",
    "援助",
    "培训",
    "保障",
    "人权",
    "有效",
    "国家",
    "国际",
    "网络犯罪",
    "罪行",
    "程序",
    "受害人",
    "网络",
]
ITEMS_PER_AGENDA_ITEM = 20


def sentence(rng: random.Random, lang: str) -> str:
    if lang == "zh":
        words = [rng.choice(ZH_WORDS) for _ in range(rng.randint(8, 16))]
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), f" {rng.randint(2, 99)} 个 ")
        return "".join(words) + "。"
    words = [rng.choice(EN_WORDS) for _ in range(rng.randint(10, 22))]
    if rng.random() < 0.2:
        words.insert(rng.randrange(len(words)), "(“网络犯罪”)")
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def text(rng: random.Random, lang: str, sentences: int = 2) -> str:
    return "\n".join(sentence(rng, lang) for _ in range(sentences)) + "\n"


def _dump(path: Path, data: object) -> None:
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)


def meeting(root: Path, meeting_id: str, recommendations: int, seed: int) -> list[str]:
    """Write one meeting with ``recommendations`` items (every fifth with nested items).

    Returns its agenda items that carry recommendations.
    """
    topics = [
        f"topic-{n}" for n in range(1, max(1, -(-recommendations // ITEMS_PER_AGENDA_ITEM)) + 1)
    ]
    folder = root / "meetings" / meeting_id
    _dump(
        folder / "meeting.yaml",
        {
            "symbol": f"UNODC/CCPCJ/EG.4/2099/{seed}",
            "distribution": "general",
            "date_of_issue": "2099-04-10",
            "original_language": "en",
            "languages": {"zh": "unofficial", "en": "official"},
            "specimen": True,
            "meeting": {
                "body": "EG-CYBERCRIME",
                "number": 9,
                "venue": "VIENNA",
                "dates": {"start": "2099-03-27", "end": "2099-03-29"},
            },
            "agenda": [
                {"id": "opening-of-meeting"},
                *({"id": t} for t in topics),
                {"id": "adoption-of-report"},
            ],
            "participation": {
                "states": ["ALB", "CHN", "BRA", "GBR", "USA"],
                "attendance": {"member_states": 90},
            },
        },
    )
    for lang in ("zh", "en"):
        rng = random.Random(f"{seed}-{lang}")
        per_topic = [recommendations // len(topics)] * len(topics)
        per_topic[-1] += recommendations - sum(per_topic)
        sections = []
        count = 0
        for topic, n in zip(topics, per_topic, strict=True):
            items = []
            for _ in range(n):
                count += 1
                item = {"id": f"{meeting_id}-{count}", "text": text(rng, lang, 2)}
                if count % 5 == 0:
                    item["items"] = [
                        {"id": f"{meeting_id}-{count}-{k}", "text": sentence(rng, lang)}
                        for k in range(1, 3)
                    ]
                items.append(item)
            sections.append(
                {
                    "agenda_item": topic,
                    "paragraphs": [
                        {
                            "id": f"chapeau-{topic}",
                            "text": text(rng, lang, 1) + "[^source]\n",
                            "items": items,
                        }
                    ],
                }
            )
        d = folder / lang
        _dump(d / "front.yaml", {"title": sentence(rng, lang)})
        titles = {
            "opening-of-meeting": "Opening;" if lang == "en" else "开幕；",
            "adoption-of-report": "Adoption." if lang == "en" else "通过报告。",
        }
        titles |= {t: f"{sentence(rng, lang)[:-1]}." for t in topics}
        _dump(d / "agenda.yaml", titles)
        _dump(
            d / "footnotes.yaml", {"source": f"{sentence(rng, lang)} [[UNODC/CCPCJ/EG.4/2099/1]]"}
        )
        _dump(
            d / "introduction.yaml", {"paragraphs": [{"id": "intro", "text": text(rng, lang, 3)}]}
        )
        _dump(d / "recommendations.yaml", {"sections": sections})
        _dump(
            d / "deliberations.yaml",
            {"paragraphs": [{"id": "deliberation", "text": text(rng, lang, 4)}]},
        )
        _dump(
            d / "organization.yaml",
            {
                "opening": [{"id": "opening", "text": sentence(rng, lang)}],
                "statements": [
                    {
                        "id": "statements",
                        "text": "下列国家作了发言："
                        if lang == "zh"
                        else "Statements were made by:",
                        "insert": "states",
                    }
                ],
            },
        )
        _dump(
            d / "adoption.yaml", {"paragraphs": [{"id": "adoption", "text": sentence(rng, lang)}]}
        )
    return topics


def compilation(
    root: Path, compilation_id: str, meetings: dict[str, list[str]], number: int
) -> None:
    """A compilation of ``meetings``; ``number`` makes its symbol its own (check refuses
    one symbol for two documents)."""
    folder = root / "compilations" / compilation_id
    themes = [
        {"id": f"theme-{m}-{t}", "sources": [{"meeting": m, "agenda_item": t}]}
        for m, topics in meetings.items()
        for t in topics
    ]
    _dump(
        folder / "compilation.yaml",
        {
            "symbol": f"UNODC/CCPCJ/EG.4/2099/CRP.{number}",
            "distribution": "limited",
            "date_of_issue": "2099-01-17",
            "original_language": "en",
            "meeting": {
                "body": "EG-CYBERCRIME",
                "number": 10,
                "venue": "VIENNA",
                "dates": {"start": "2099-04-06", "end": "2099-04-08"},
            },
            "meetings": list(meetings),
            "themes": themes,
        },
    )
    for lang in ("zh", "en"):
        _dump(
            folder / lang / "text.yaml",
            {
                "title": "汇编" if lang == "zh" else "Compilation",
                "introduction": [
                    {"id": "intro", "text": "说明。" if lang == "zh" else "Introduction."}
                ],
                "themes": {t["id"]: t["id"] for t in themes},
            },
        )


def generate(
    source: Path,
    root: Path,
    meeting_sizes: list[int],
    compilation_sizes: list[int],
    compilation_meeting_size: int,
    seed: int = 2021,
) -> Path:
    """A content tree at ``root``: the languages and terms of the ``source`` content, one
    meeting per size in ``meeting_sizes``, and per size N in ``compilation_sizes`` a
    compilation of N meetings of the given size."""
    content = root / "content"
    if content.exists():
        shutil.rmtree(content)
    content.mkdir(parents=True)
    shutil.copy(source / "languages.yaml", content / "languages.yaml")
    shutil.copytree(source / "terms", content / "terms")
    for index, size in enumerate(meeting_sizes):
        meeting(content, f"meeting-{size}", size, seed + index)
    made: dict[str, list[str]] = {}
    for size in compilation_sizes:
        for n in range(len(made), size):
            meeting_id = f"pool-{n + 1:02d}"
            made[meeting_id] = meeting(
                content, meeting_id, compilation_meeting_size, seed + 1000 + n
            )
        compilation(content, f"compilation-{size}", dict(list(made.items())[:size]), size)
    return content
