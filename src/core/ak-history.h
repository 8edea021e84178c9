/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ak-account.h"
#include "ak-history-entry.h"
#include "ak-key-result.h"

G_BEGIN_DECLS

#define AK_TYPE_HISTORY (ak_history_get_type ())

G_DECLARE_FINAL_TYPE (AkHistory, ak_history, AK, HISTORY, GObject)

AkHistory  *ak_history_new                (const char           *path);
char       *ak_history_dup_default_path   (void);
const char *ak_history_get_path           (AkHistory            *self);
gboolean    ak_history_record             (AkHistory            *self,
                                           AkKeyResult          *result,
                                           AkAccount            *account);
GListModel *ak_history_get_entries        (AkHistory            *self);
GBytes     *ak_history_dup_csv            (AkHistory            *self);
gboolean    ak_history_export_csv         (AkHistory            *self,
                                           const char           *path,
                                           GError              **error);
void        ak_history_export_csv_async   (AkHistory            *self,
                                           GFile                *file,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean    ak_history_export_csv_finish  (AkHistory            *self,
                                           GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
