from rest_framework.pagination import PageNumberPagination as BasePageNumberPagination


class PageNumberPagination(BasePageNumberPagination):
    """`?page=N&page_size=M`, with M capped so that no client can ask for a whole table."""

    page_size_query_param = "page_size"
    max_page_size = 100
