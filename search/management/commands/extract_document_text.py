"""Read the text of every document again, for documents uploaded before document search existed."""

from django.core.management.base import BaseCommand
from wagtail.documents import get_document_model

from search.documents import sync_document_text
from search.models import DocumentText


class Command(BaseCommand):
    help = "Read the text of all documents (PDF, DOCX) for the site search; --all reads unchanged files too."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Read files whose text was read before as well.")

    def handle(self, *args, **options):
        if options["all"]:
            DocumentText.objects.update(source_name="")
        documents = get_document_model().objects.order_by("pk")
        with_text = 0
        for document in documents.iterator():
            with_text += bool(sync_document_text(document).text)
        self.stdout.write(f"Documents: {documents.count()}, with text: {with_text}.")
