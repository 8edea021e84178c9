/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AK_ERROR (ak_error_quark ())

/* Every failure the app shows a person falls in one of these. The GError's
 * message is a sentence for that person; what the server said goes into the
 * detail (ak_error_get_detail()), shown only behind an expander. */
typedef enum
{
  AK_ERROR_FAILED,
  AK_ERROR_AUTH,
  AK_ERROR_PERMISSION,
  AK_ERROR_NOT_FOUND,
  AK_ERROR_CONFLICT,
  AK_ERROR_NETWORK,
  AK_ERROR_TLS,
  AK_ERROR_TIMEOUT,
  AK_ERROR_PROTOCOL,
  AK_ERROR_SERVER,
  AK_ERROR_INSECURE,
  AK_ERROR_INVALID,
  AK_ERROR_STORAGE,
} AkErrorCode;

GQuark       ak_error_quark           (void);
const char  *ak_error_code_to_message (AkErrorCode    code);
GError      *ak_error_new             (AkErrorCode    code,
                                       guint          http_status,
                                       const char    *detail);
GError      *ak_error_new_literal     (AkErrorCode    code,
                                       const char    *message,
                                       guint          http_status,
                                       const char    *detail);
GError      *ak_error_new_too_large   (guint          http_status,
                                       const char    *detail);
GError      *ak_error_new_not_sign_in_service
                                      (guint          http_status,
                                       const char    *detail);
void         ak_set_error             (GError       **error,
                                       AkErrorCode    code,
                                       guint          http_status,
                                       const char    *detail);
const char  *ak_error_get_detail      (const GError  *error);
guint        ak_error_get_http_status (const GError  *error);

G_END_DECLS
