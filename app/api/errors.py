"""Every HTTP error has one shape: {"error": {"code", "message"}}; never a stack trace."""

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from app.errors import DomainError, ErrorCode

log = logging.getLogger(__name__)

# The codes of the errors the framework itself raises (unknown route, wrong method, missing credentials).
CODES = {
    400: ErrorCode.invalid_input, 401: ErrorCode.unauthorized, 403: ErrorCode.forbidden, 404: ErrorCode.not_found,
    405: ErrorCode.method_not_allowed, 409: ErrorCode.conflict, 413: ErrorCode.too_large, 422: ErrorCode.invalid_input,
    429: ErrorCode.rate_limited,
}


def error_response(status: int, code: str, message: str) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def domain_error(_: Request, exc: DomainError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
        return error_response(422, "invalid_input", f"{where}: {first.get('msg', 'invalid')}")

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        code = CODES.get(exc.status_code, ErrorCode.invalid_input if exc.status_code < 500 else ErrorCode.internal_error)
        message = exc.detail if isinstance(exc.detail, str) else "The request failed."
        return error_response(exc.status_code, code, message)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return error_response(500, "internal_error", "Something went wrong on the server.")
