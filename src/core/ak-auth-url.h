/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *ak_auth_url_normalize (const char  *text,
                             GError     **error);

G_END_DECLS
