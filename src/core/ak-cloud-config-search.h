/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ak-cloud-config.h"

G_BEGIN_DECLS

/* Where a person's OpenStack configuration is, read as openstacksdk reads
 * it: the first clouds.yaml found in $OS_CLIENT_CONFIG_FILE, the current
 * folder, the user's config folder ("openstack" in it), /etc/openstack; the
 * first secure.yaml found the same way ($OS_CLIENT_SECURE_FILE first),
 * whose values win. Or one file a person picks: a clouds.yaml (with the
 * secure.yaml beside it, when there is one) or an openrc. Files are read in
 * a thread, never more than AK_CLOUD_CONFIG_MAX_SIZE of them. */

typedef enum
{
  AK_CLOUD_CONFIG_FILE_CLOUDS,
  AK_CLOUD_CONFIG_FILE_SECURE,
} AkCloudConfigFile;

GStrv      ak_cloud_config_search_paths       (AkCloudConfigFile     kind);
GPtrArray *ak_cloud_config_find               (GCancellable         *cancellable,
                                               GError              **error);
void       ak_cloud_config_find_async         (GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray *ak_cloud_config_find_finish        (GAsyncResult         *result,
                                               GError              **error);
GPtrArray *ak_cloud_config_load_file          (GFile                *file,
                                               GCancellable         *cancellable,
                                               GError              **error);
void       ak_cloud_config_load_file_async    (GFile                *file,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray *ak_cloud_config_load_file_finish   (GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
