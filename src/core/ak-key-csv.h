/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char *ak_key_csv_format (GListModel *keys,
                         gsize      *length);

G_END_DECLS
