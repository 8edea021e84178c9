/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ak-cloud-config.h"

G_BEGIN_DECLS

/* Pure functions from a file's bytes to the clouds it names (fuzzed by
 * tests/fuzz/fuzz-cloud-config.c). A file refused gives an AK_ERROR_INVALID
 * whose message names the file and the line, and whose detail says why
 * without quoting the file (it may hold a password). Nothing is executed:
 * an openrc file is read as text, its lines that only set a variable to a
 * plain value understood, every other line passed over. */

/* Larger files are refused before they are read to the end. */
#define AK_CLOUD_CONFIG_MAX_SIZE        (1024 * 1024)
/* A file naming more clouds than a person could choose from is refused. */
#define AK_CLOUD_CONFIG_MAX_CLOUDS      1000
/* Longer values (other than a secret) are refused. */
#define AK_CLOUD_CONFIG_MAX_VALUE_LEN   2048

GPtrArray *ak_cloud_config_parse_clouds (GBytes      *clouds,
                                         const char  *clouds_path,
                                         GBytes      *secure,
                                         const char  *secure_path,
                                         GError     **error);
GPtrArray *ak_cloud_config_parse_openrc (GBytes      *openrc,
                                         const char  *path,
                                         GError     **error);
GError    *ak_cloud_config_error_new    (const char  *path,
                                         guint        line,
                                         const char  *reason);
GError    *ak_cloud_config_too_large_error_new (const char *path);

G_END_DECLS
