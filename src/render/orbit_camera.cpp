// orbit_camera.cpp: orbit, zoom and projection for the convolution view
// (see orbit_camera.h). Conventions follow gluLookAt / gluPerspective.
#include "render/orbit_camera.h"

#include <algorithm>
#include <cmath>

namespace {

Vec3 sub(Vec3 a, Vec3 b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
Vec3 cross(Vec3 a, Vec3 b) { return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x}; }
float dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
Vec3 normalize(Vec3 a) {
    const float n = std::sqrt(dot(a, a));
    return n > 0 ? Vec3{a.x / n, a.y / n, a.z / n} : a;
}

Mat4 multiply(const Mat4& a, const Mat4& b) {
    Mat4 r;
    for (int c = 0; c < 4; ++c)
        for (int row = 0; row < 4; ++row) {
            float s = 0;
            for (int k = 0; k < 4; ++k) s += a.m[k * 4 + row] * b.m[c * 4 + k];
            r.m[c * 4 + row] = s;
        }
    return r;
}

}  // namespace

void camera_frame(OrbitCamera* cam, Vec3 lo, Vec3 hi, float aspect) {
    cam->target = {(lo.x + hi.x) * 0.5f, (lo.y + hi.y) * 0.5f, (lo.z + hi.z) * 0.5f};
    const Vec3 size = sub(hi, lo);
    const float radius = 0.5f * std::sqrt(dot(size, size));
    const float half_fov = 0.5f * cam->fov_y * std::min(1.0f, std::max(aspect, 0.2f));
    cam->fit_distance = radius / std::sin(half_fov) * 0.78f;
    camera_reset(cam);
}

void camera_reset(OrbitCamera* cam) {
    cam->yaw = -0.55f;
    cam->pitch = 0.35f;
    cam->distance = cam->fit_distance;
}

void camera_orbit(OrbitCamera* cam, float dx_px, float dy_px) {
    cam->yaw -= dx_px * 0.008f;
    cam->pitch = std::clamp(cam->pitch + dy_px * 0.008f, -1.45f, 1.45f);
}

void camera_zoom(OrbitCamera* cam, float notches) {
    cam->distance = std::clamp(cam->distance * std::pow(0.88f, notches), cam->fit_distance * 0.06f,
                               cam->fit_distance * 3.0f);
}

Vec3 camera_eye(const OrbitCamera& cam) {
    const float cp = std::cos(cam.pitch);
    return {cam.target.x + cam.distance * cp * std::sin(cam.yaw), cam.target.y + cam.distance * std::sin(cam.pitch),
            cam.target.z + cam.distance * cp * std::cos(cam.yaw)};
}

Mat4 camera_view_proj(const OrbitCamera& cam, float aspect) {
    const Vec3 eye = camera_eye(cam);
    const Vec3 f = normalize(sub(cam.target, eye));
    const Vec3 s = normalize(cross(f, {0, 1, 0}));
    const Vec3 u = cross(s, f);
    Mat4 view;
    view.m[0] = s.x, view.m[4] = s.y, view.m[8] = s.z, view.m[12] = -dot(s, eye);
    view.m[1] = u.x, view.m[5] = u.y, view.m[9] = u.z, view.m[13] = -dot(u, eye);
    view.m[2] = -f.x, view.m[6] = -f.y, view.m[10] = -f.z, view.m[14] = dot(f, eye);
    const float n = std::max(0.1f, cam.distance * 0.05f), far = cam.distance * 4.0f + 200.0f;
    const float t = 1.0f / std::tan(cam.fov_y * 0.5f);
    Mat4 proj;
    proj.m[0] = t / aspect;
    proj.m[5] = t;
    proj.m[10] = (far + n) / (n - far);
    proj.m[11] = -1.0f;
    proj.m[14] = 2.0f * far * n / (n - far);
    proj.m[15] = 0.0f;
    return multiply(proj, view);
}

bool camera_project(const Mat4& vp, Vec3 p, float w, float h, float* px, float* py) {
    const float* m = vp.m;
    const float cx = m[0] * p.x + m[4] * p.y + m[8] * p.z + m[12];
    const float cy = m[1] * p.x + m[5] * p.y + m[9] * p.z + m[13];
    const float cw = m[3] * p.x + m[7] * p.y + m[11] * p.z + m[15];
    if (cw <= 1e-4f) return false;
    *px = (cx / cw * 0.5f + 0.5f) * w;
    *py = (1.0f - (cy / cw * 0.5f + 0.5f)) * h;
    return true;
}
