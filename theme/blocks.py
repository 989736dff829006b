"""StreamField blocks shared by the portal's pages, each with its own template."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "components/blocks/paragraph_block.html"
        preview_value = (
            "<p>Kent Konseyi; kent vizyonunun ve hemşehricilik bilincinin geliştirilmesi, "
            "saydamlık, katılım ve yerinden yönetim ilkelerini hayata geçirmeye çalışır.</p>"
        )
        description = _("Formatted text with headings, lists and links")


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        help_text=_("Describe the picture for people who cannot see it. Leave empty to use the image's description."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "components/blocks/image_with_caption_block.html"
        preview_value = {"caption": "Engelli Meclisi üyeleri Okçuluk Yarışması'nda"}
        description = _("A picture with an optional caption")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "components/blocks/quote_block.html"
        preview_value = {
            "quote": "Vatandaş ve belediye ilişkilerini teknoloji ve yüz yüze iletişim kanalları ile güçlendirmek.",
            "attribution": "2020 Faaliyet Raporu, A7.H1 stratejik hedefi",
        }
        description = _("A quotation with its source")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, help_text=_("Defaults to the document's title."))

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "components/blocks/document_link_block.html"
        preview_value = {"title": "Kent Konseyi Çalışma Yönetmeliği"}
        description = _("A link to a document to download, with its type and size")


class VideoEmbedBlock(EmbedBlock):
    class Meta:
        icon = "media"
        label = _("Embedded video")
        template = "components/blocks/embed_block.html"
        description = _("A video from YouTube or Vimeo, by its address")


class ContentStreamBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
    embed = VideoEmbedBlock()
