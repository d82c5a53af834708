"""paralign's engine: read two documents, split sentences, align them and diff words. No Qt here."""

from alignment.align import align
from alignment.documents import document_from_text, load_document
from alignment.errors import Cancelled, DocumentError, ParalignError
from alignment.model import Alignment, Change, Check, Document, Grade, Kind, Op, Pair, Sentence, Side, Span

__all__ = [
    "Alignment",
    "Cancelled",
    "Change",
    "Check",
    "Document",
    "Grade",
    "DocumentError",
    "Kind",
    "Op",
    "Pair",
    "ParalignError",
    "Sentence",
    "Side",
    "Span",
    "align",
    "document_from_text",
    "load_document",
]
